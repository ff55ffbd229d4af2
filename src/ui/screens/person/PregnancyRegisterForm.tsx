import { useState } from 'preact/hooks';
import type { Person } from '../../../../protocol/index.ts';
import { estimatedDueDate } from '../../../domain/schedules/pregnancy.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { TextField } from '../../components/Field.tsx';
import { formatDate, todayIsoDate } from '../../format.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';

/** Registers a pregnancy from the first day of the last period; the due date follows (280 days). */
export function PregnancyRegisterForm({ person }: { person: Person }) {
  const [lmp, setLmp] = useState('');
  const [error, setError] = useState<string | undefined>();
  const engine = useSyncEngine();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(lmp);
  const save = async (event: Event) => {
    event.preventDefault();
    const today = todayIsoDate();
    if (!valid || lmp > today || estimatedDueDate(lmp) < today) {
      setError(t('date_invalid_lmp'));
      return;
    }
    await recordEvent('pregnancies', {
      personId: person.id,
      lastMenstrualPeriod: lmp,
      estimatedDueDate: estimatedDueDate(lmp),
    });
    engine?.notifyLocalWrite();
    setLmp('');
  };
  return (
    <form class="card" onSubmit={save} noValidate data-testid="pregnancy-register">
      <h3>{t('pregnancyRegister')}</h3>
      <TextField label={t('lastMenstrualPeriod')} name="lmp" type="date" value={lmp} onInput={setLmp} error={error} />
      {valid && <p class="muted">{t('dueDate', { date: formatDate(estimatedDueDate(lmp)) })}</p>}
      <button type="submit">{t('save')}</button>
    </form>
  );
}
