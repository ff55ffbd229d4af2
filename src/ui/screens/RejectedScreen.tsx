import { useState } from 'preact/hooks';
import { isStringKey, t } from '../../i18n/index.ts';
import { listRejected, resendRejected, type RejectedChange } from '../../storage/index.ts';
import { FormBanner, SaveButton } from '../forms/FormParts.tsx';
import { useForm } from '../forms/use-form.ts';
import { Screen } from '../components/Screen.tsx';
import { TextField } from '../components/Field.tsx';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { useWatch } from '../hooks/use-watch.ts';

/** Records the puskesmas refused: never dropped, shown with the reason until the kader fixes and resends them. */
export function RejectedScreen() {
  const rejected = useWatch(() => listRejected(), []);
  return (
    <Screen title={t('rejectedTitle')} backTo="/">
      <p>{t('rejectedIntro')}</p>
      {rejected?.length === 0 && <p class="muted">{t('rejectedEmpty')}</p>}
      <ul class="list" data-testid="rejected-list">
        {(rejected ?? []).map((entry) => (
          <li key={entry.seq}>
            <RejectedEntry entry={entry} />
          </li>
        ))}
      </ul>
    </Screen>
  );
}

/** Fields a kader can correct by typing: text and numbers at the top level; ids and stamps stay as they are. */
const FIXED_FIELDS = new Set(['id', 'posyanduId', 'recordedBy', 'recordedAt', 'hlc', 'householdId', 'personId']);

function RejectedEntry({ entry }: { entry: RejectedChange }) {
  const engine = useSyncEngine();
  const editable = Object.entries(entry.record).filter(
    ([key, value]) => !FIXED_FIELDS.has(key) && (typeof value === 'string' || typeof value === 'number'),
  );
  const [fixing, setFixing] = useState(false);
  const form = useForm<Record<string, string>>({
    draftKey: `rejected-${entry.seq}`,
    initial: () => Object.fromEntries(editable.map(([key, value]) => [key, String(value)])),
    dirty: (draft) => editable.some(([key, value]) => draft[key] !== String(value)),
    // A refusal names the record's field, perhaps inside it (`address.rt`): shown at the top-level field typed.
    fieldErrors: (errors) =>
      Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.split('.')[0] ?? '', message])),
  });
  const values = form.draft;
  const { errors } = form;

  const resend = (correction?: Record<string, unknown>) =>
    form.submit(() => resendRejected(entry.seq, correction), {
      // syncNow never rejects: a failed sync shows in the status card.
      then: () => void engine?.syncNow(),
    });
  const fix = (event: Event) => {
    event.preventDefault();
    const corrected: Record<string, unknown> = { ...entry.record };
    for (const [key, original] of editable) {
      const typed = values[key] ?? '';
      corrected[key] = typeof original === 'number' ? Number(typed.replace(',', '.')) : typed;
    }
    void resend(corrected);
  };

  return (
    <div>
      <div class="row">
        <span>
          <strong>{describeRecord(entry.record)}</strong>
          <br />
          <span class="muted">{t('rejectedReason', { reason: entry.error?.message ?? '' })}</span>
        </span>
        <button type="button" class="secondary" onClick={() => setFixing(!fixing)}>
          {t('fixTitle')}
        </button>
      </div>
      <FormBanner banner={form.errors.form ?? null} />
      {fixing && (
        <form onSubmit={fix} noValidate data-testid={`fix-${entry.seq}`}>
          {editable.map(([key]) => (
            <TextField
              key={key}
              label={isStringKey(key) ? t(key) : key}
              name={key}
              value={values[key] ?? ''}
              onInput={(v) => form.update({ [key]: v })}
              error={errors[key]}
            />
          ))}
          <SaveButton saving={form.saving} label={t('fixAndResend')} />
        </form>
      )}
      {!fixing && (
        <button type="button" disabled={form.saving} onClick={() => void resend()}>
          {t('resend')}
        </button>
      )}
    </div>
  );
}

function describeRecord(record: Record<string, unknown>): string {
  const name = record.name ?? record.headName;
  return typeof name === 'string' ? name : String(record.id ?? '');
}
