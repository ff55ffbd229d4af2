import { useState } from 'preact/hooks';
import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { TextField } from '../../components/Field.tsx';
import { todayIsoDate } from '../../format.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';

/** A Td dose read from the Buku KIA (given by the bidan elsewhere), so the Td status counts it. */
export function TdRecordForm({ person }: { person: Person }) {
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const engine = useSyncEngine();
  const save = async (event: Event) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > todayIsoDate() || date < person.birthDate) {
      setError(t('tdDateInvalid'));
      return;
    }
    await recordEvent('immunizations', { personId: person.id, date, vaccine: 'td', givenElsewhere: true });
    engine?.notifyLocalWrite();
    setDate('');
    setError(undefined);
  };
  return (
    <form class="card" onSubmit={save} noValidate data-testid="td-record">
      <details>
        <summary>{t('tdRecordTitle')}</summary>
        <TextField label={t('tdDate')} name="tdDate" type="date" value={date} onInput={setDate} error={error} />
        <button type="submit">{t('save')}</button>
      </details>
    </form>
  );
}
