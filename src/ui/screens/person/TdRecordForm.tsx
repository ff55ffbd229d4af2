import { useState } from 'preact/hooks';
import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { TextField } from '../../components/Field.tsx';
import { formatDate, todayIsoDate } from '../../format.ts';
import { FormBanner, SavedEcho, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';

/** A Td dose read from the Buku KIA (given by the bidan elsewhere), so the Td status counts it. */
export function TdRecordForm({ person }: { person: Person }) {
  const form = useForm<string>({
    draftKey: `td-${person.id}`,
    initial: () => '',
    dirty: (date) => date !== '',
  });
  const date = form.draft;
  // A date kept from before a reload opens the fold, so the kader sees it waiting; decided once, not per keystroke.
  const [startOpen] = useState(date !== '');
  const save = async (event: Event) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > todayIsoDate() || date < person.birthDate) {
      form.refuse({ date: t('tdDateInvalid') });
      return;
    }
    await form.submit(
      () => recordEvent('immunizations', { personId: person.id, date, vaccine: 'td', givenElsewhere: true }),
      { echo: t('tdRecorded', { date: formatDate(date) }) },
    );
  };
  return (
    <form class="card" onSubmit={(e) => void save(e)} noValidate data-testid="td-record">
      <details open={startOpen}>
        <summary>{t('tdRecordTitle')}</summary>
        <FormBanner banner={form.errors.form ?? null} />
        <TextField
          label={t('tdDate')}
          name="tdDate"
          type="date"
          value={date}
          onInput={form.setDraft}
          error={form.errors.date}
        />
        <SavedEcho echo={form.echo} />
        <SaveButton saving={form.saving} />
      </details>
    </form>
  );
}
