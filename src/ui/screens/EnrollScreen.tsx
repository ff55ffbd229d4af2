import { decodeEnrollmentCode } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { saveEnrollment } from '../../storage/index.ts';
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../components/Field.tsx';
import { Screen } from '../components/Screen.tsx';
import { navigate } from '../router.ts';

/** Enrolling needs no signal: the code carries the device's token and its posyandu (protocol/enrollment.ts). */
export function EnrollScreen({ initialCode }: { initialCode?: string | undefined }) {
  const [code, setCode] = useState(initialCode ?? '');
  const [error, setError] = useState<string | undefined>();
  // A link opened while the app is already open changes only the address: the screen stays, the code must follow.
  useEffect(() => {
    if (!initialCode) return;
    setCode(initialCode);
    setError(undefined);
  }, [initialCode]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const enrollment = decodeEnrollmentCode(code);
    if (!enrollment) {
      setError(t('enrollInvalid'));
      return;
    }
    await saveEnrollment(enrollment);
    navigate('/');
  };

  return (
    <Screen title={t('enrollTitle')}>
      <p>{t('enrollIntro')}</p>
      <form onSubmit={submit}>
        <TextField label={t('enrollCode')} name="enrollmentCode" value={code} onInput={setCode} error={error} />
        <button type="submit">{t('enrollSubmit')}</button>
      </form>
    </Screen>
  );
}
