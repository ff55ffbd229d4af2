import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { pinWait, setFirstPin, unlockWithPin } from '../../storage/index.ts';
import { PinInput, PinWait } from '../components/PinInput.tsx';
import { Screen } from '../components/Screen.tsx';
import { RecoveryScreen } from './RecoveryScreen.tsx';

/**
 * The app lock. `set`: the first PIN after enrollment, typed twice (setting it also encrypts what the phone
 * already holds). `unlock`: at a cold start and after the idle timeout. Five wrong PINs, then a wait that grows;
 * nothing is ever wiped, because records may still wait to be sent.
 */
export function LockScreen({ mode, kaderName }: { mode: 'set' | 'unlock'; kaderName: string }) {
  const [pin, setPin] = useState('');
  const [first, setFirst] = useState<string | null>(null);
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const input = useRef<HTMLInputElement>(null);
  const [forgot, setForgot] = useState(false);

  useEffect(() => {
    if (mode === 'unlock') void pinWait().then((ms) => ms > 0 && setWaitUntil(Date.now() + ms));
  }, [mode]);
  const waiting = waitUntil > now;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [waiting]);
  useEffect(() => input.current?.focus(), [first, busy, waiting]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || waiting) return;
    if (!/^[0-9]{6}$/.test(pin)) {
      setMessage(t('pinSixDigits'));
      return;
    }
    if (mode === 'set' && first === null) {
      setFirst(pin);
      setPin('');
      setMessage(undefined);
      return;
    }
    if (mode === 'set' && first !== pin) {
      setFirst(null);
      setPin('');
      setMessage(t('pinMismatch'));
      return;
    }
    setBusy(true);
    try {
      if (mode === 'set') {
        await setFirstPin(pin);
        return;
      }
      const result = await unlockWithPin(pin);
      setPin('');
      if (result.ok) return;
      if (result.waitMs > 0) {
        setWaitUntil(Date.now() + result.waitMs);
        setNow(Date.now());
      }
      setMessage(
        result.reason === 'wrong' && result.waitMs === 0 ? t('pinWrong', { left: result.triesLeft }) : undefined,
      );
    } catch {
      setMessage(t('pinSetFailed'));
    } finally {
      setBusy(false);
    }
  };

  if (forgot) return <RecoveryScreen onCancel={() => setForgot(false)} />;
  const title = mode === 'unlock' ? t('pinUnlockTitle') : first === null ? t('pinSetTitle') : t('pinConfirmTitle');
  return (
    <Screen title={title}>
      <p>{mode === 'unlock' ? t('pinUnlockIntro', { kader: kaderName }) : t('pinSetIntro')}</p>
      <form onSubmit={submit} data-testid="lock-screen" data-mode={mode}>
        <label class="field">
          <span>{first === null ? t('pinLabel') : t('pinAgainLabel')}</span>
          <PinInput inputRef={input} value={pin} disabled={busy || waiting} onInput={setPin} />
        </label>
        {waiting && <PinWait ms={waitUntil - now} />}
        {message && !waiting && (
          <p class="banner warn" role="alert" data-testid="pin-message">
            {message}
          </p>
        )}
        <button type="submit" disabled={busy || waiting}>
          {busy ? t('pinBusy') : mode === 'unlock' ? t('pinUnlock') : first === null ? t('pinNext') : t('pinSave')}
        </button>
      </form>
      {mode === 'unlock' && (
        <>
          <p class="hint">{t('pinForgotten')}</p>
          <button type="button" class="secondary" data-testid="pin-forgot" onClick={() => setForgot(true)}>
            {t('recoveryOpen')}
          </button>
        </>
      )}
    </Screen>
  );
}
