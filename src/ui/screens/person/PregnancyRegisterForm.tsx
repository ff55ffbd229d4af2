import type { Person } from '../../../../protocol/index.ts';
import { estimatedDueDate } from '../../../domain/schedules/pregnancy.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { TextField } from '../../components/Field.tsx';
import { formatDate, todayIsoDate } from '../../format.ts';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';

/**
 * Registers a pregnancy from the first day of the last period; the due date follows (280 days). Once saved the
 * person page shows the pregnancy with its due date in place of this form.
 */
export function PregnancyRegisterForm({ person }: { person: Person }) {
  const form = useForm<string>({
    draftKey: `pregnancy-${person.id}`,
    initial: () => '',
    dirty: (lmp) => lmp !== '',
  });
  const lmp = form.draft;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(lmp);
  const save = async (event: Event) => {
    event.preventDefault();
    const today = todayIsoDate();
    if (!valid || lmp > today || estimatedDueDate(lmp) < today) {
      form.refuse({ lmp: t('date_invalid_lmp') });
      return;
    }
    await form.submit(() =>
      recordEvent('pregnancies', {
        personId: person.id,
        lastMenstrualPeriod: lmp,
        estimatedDueDate: estimatedDueDate(lmp),
      }),
    );
  };
  return (
    <form class="card" onSubmit={(e) => void save(e)} noValidate data-testid="pregnancy-register">
      <h3>{t('pregnancyRegister')}</h3>
      <FormBanner banner={form.errors.form ?? null} />
      <TextField
        label={t('lastMenstrualPeriod')}
        name="lmp"
        type="date"
        value={lmp}
        onInput={form.setDraft}
        error={form.errors.lmp ?? form.errors.lastMenstrualPeriod}
      />
      {valid && <p class="muted">{t('dueDate', { date: formatDate(estimatedDueDate(lmp)) })}</p>}
      <SaveButton saving={form.saving} />
    </form>
  );
}
