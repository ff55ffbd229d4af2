import type { Enrollment } from '../../../protocol/enrollment.ts';
import { isOneTimeCode } from '../../../protocol/one-time-code.ts';
import { loadWireSchemas } from '../../../protocol/wire-schemas.ts';
import { t } from '../../i18n/index.ts';
import { ReenrollBlockedError, saveEnrollment } from '../../storage/index.ts';
import { SyncError, exchangeEnrollmentCode } from '../../sync/index.ts';
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../components/Field.tsx';
import { Screen } from '../components/Screen.tsx';
import { navigate } from '../router.ts';

/** How long the exchange may take on a weak signal before the kader is told to try again. */
const EXCHANGE_TIMEOUT_MS = 20_000;

/**
 * Two kinds of code: a one-time code (`7KQ2-M9XD-4TNB-WC3E`) is exchanged once with the server for this phone's
 * own token, so it needs signal; an offline code carries the token itself (protocol/enrollment.ts) and needs none.
 */
export function EnrollScreen({ initialCode }: { initialCode?: string | undefined }) {
  const [code, setCode] = useState(initialCode ?? '');
  const [error, setError] = useState<string | undefined>();
  // A link opened while the app is already open changes only the address: the screen stays, the code must follow.
  useEffect(() => {
    if (!initialCode) return;
    setCode(initialCode);
    setError(undefined);
  }, [initialCode]);
  const [busy, setBusy] = useState(false);

  const exchange = async (): Promise<Enrollment | null> => {
    setBusy(true);
    try {
      return await exchangeEnrollmentCode(
        { fetch: (...args) => fetch(...args), now: Date.now, timeoutMs: EXCHANGE_TIMEOUT_MS, baseUrl: location.origin },
        code,
      );
    } catch (failure) {
      const refused = failure instanceof SyncError && failure.code === 'unauthorized';
      const limited = failure instanceof SyncError && failure.code === 'rate-limited';
      setError(t(refused ? 'enrollCodeRefused' : limited ? 'enrollTooManyTries' : 'enrollNeedsSignal'));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const enrollment = isOneTimeCode(code) ? await exchange() : (await loadWireSchemas()).decodeEnrollmentCode(code);
    if (!enrollment) {
      if (!isOneTimeCode(code)) setError(t('enrollInvalid'));
      return;
    }
    try {
      await saveEnrollment(enrollment);
    } catch (failure) {
      if (!(failure instanceof ReenrollBlockedError)) throw failure;
      setError(t('reenrollBlocked', { count: failure.waiting }));
      return;
    }
    navigate('/');
  };

  return (
    <Screen title={t('enrollTitle')}>
      <p>{t('enrollIntro')}</p>
      <form onSubmit={submit}>
        <TextField label={t('enrollCode')} name="enrollmentCode" value={code} onInput={setCode} error={error} />
        <button type="submit" disabled={busy}>
          {t('enrollSubmit')}
        </button>
      </form>
    </Screen>
  );
}
