import { useEffect, useRef, useState } from 'preact/hooks';
import { isOneTimeCode } from '../../../protocol/one-time-code.ts';
import { t } from '../../i18n/index.ts';
import { checkRecoveryCode, recoverWithCode, type UnlockResult } from '../../storage/index.ts';
import { PinInput, PinWait } from '../components/PinInput.tsx';
import { Screen } from '../components/Screen.tsx';

type Step = 'code' | 'pin' | 'confirm';

/**
 * "Lupa PIN?": the kader types the recovery code the puskesmas staff read out (after checking who she is), then a
 * new PIN twice. The code is checked before she types the PIN; a wrong code counts in the same growing wait as a
 * wrong PIN. Nothing is deleted at any step: Batal goes back to the PIN screen with everything as it was.
 */
export function RecoveryScreen({ onCancel }: { onCancel: () => void }) {
  const [step, setStep] = useState<Step>('code');
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [first, setFirst] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const input = useRef<HTMLInputElement>(null);
  const waiting = waitUntil > now;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [waiting]);
  useEffect(() => input.current?.focus(), [step, busy, waiting]);

  /** A refused code: back to typing it, with the tries left or the wait. */
  const refused = (result: Exclude<UnlockResult, { ok: true }>) => {
    setStep('code');
    setPin('');
    setFirst('');
    if (result.waitMs > 0) {
      setWaitUntil(Date.now() + result.waitMs);
      setNow(Date.now());
    }
    setMessage(
      result.reason === 'wrong' && result.waitMs === 0 ? t('recoveryWrong', { left: result.triesLeft }) : undefined,
    );
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || waiting) return;
    setMessage(undefined);
    if (step === 'code') {
      if (!isOneTimeCode(code)) {
        setMessage(t('recoveryCodeShape'));
        return;
      }
      setBusy(true);
      try {
        const result = await checkRecoveryCode(code);
        if (result.ok) setStep('pin');
        else refused(result);
      } finally {
        setBusy(false);
      }
      return;
    }
    if (!/^[0-9]{6}$/.test(pin)) {
      setMessage(t('pinSixDigits'));
      return;
    }
    if (step === 'pin') {
      setFirst(pin);
      setPin('');
      setStep('confirm');
      return;
    }
    if (pin !== first) {
      setPin('');
      setFirst('');
      setStep('pin');
      setMessage(t('pinMismatch'));
      return;
    }
    setBusy(true);
    try {
      const result = await recoverWithCode(code, pin);
      if (!result.ok) refused(result);
    } catch {
      setMessage(t('pinSetFailed'));
    } finally {
      setBusy(false);
    }
  };

  const onCode = step === 'code';
  return (
    <Screen title={onCode ? t('recoveryTitle') : step === 'pin' ? t('recoveryNewPinTitle') : t('pinConfirmTitle')}>
      <p>{onCode ? t('recoveryIntro') : t('recoveryNewPinIntro')}</p>
      <form onSubmit={submit} data-testid="recovery-screen" data-step={step}>
        <label class="field">
          <span>{onCode ? t('recoveryCodeLabel') : step === 'pin' ? t('pinLabel') : t('pinAgainLabel')}</span>
          {onCode ? (
            <input
              ref={input}
              name="recovery-code"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={24}
              placeholder="XXXX-XXXX-XXXX-XXXX"
              value={code}
              disabled={busy || waiting}
              onInput={(event) => setCode((event.currentTarget as HTMLInputElement).value)}
            />
          ) : (
            <PinInput key={step} inputRef={input} value={pin} disabled={busy} onInput={setPin} />
          )}
        </label>
        {waiting && <PinWait ms={waitUntil - now} />}
        {message && !waiting && (
          <p class="banner warn" role="alert" data-testid="recovery-message">
            {message}
          </p>
        )}
        <button type="submit" disabled={busy || waiting}>
          {busy ? t('pinBusy') : step === 'confirm' ? t('pinSave') : t('pinNext')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onCancel}>
          {t('recoveryCancel')}
        </button>
      </form>
    </Screen>
  );
}
