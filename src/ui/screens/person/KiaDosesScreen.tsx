import { useState } from 'preact/hooks';
import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { getPerson, listEventsForPerson, recordEvent } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { TextField } from '../../components/Field.tsx';
import { Screen } from '../../components/Screen.tsx';
import { formatDate, todayIsoDate } from '../../format.ts';
import { useFormGuard } from '../../form-guard.ts';
import { useDraft } from '../../hooks/use-draft.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { vaccineLabel } from '../../labels.ts';
import { navigate } from '../../router.ts';
import { splitHistory } from '../day/visitor-data.ts';
import { attemptSave } from '../edit/save-attempt.ts';
import { checkKiaDraft, dosesToCopy, type KiaDraft } from './kia-doses.ts';

/** Copies the vaccines the Buku KIA shows as given elsewhere (puskesmas, bidan, hospital) into the app. */
export function KiaDosesScreen({ personId }: { personId: string }) {
  const loaded = useLoadable(() => getPerson(personId), [personId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/" />;
  return <KiaDosesForm person={loaded.value} />;
}

function KiaDosesForm({ person }: { person: Person }) {
  const events = useWatch(() => listEventsForPerson(person.id), [person.id]);
  const [draft, setDraft, clearDraft] = useDraft<KiaDraft>(`kia-${person.id}`, () => ({}));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const engine = useSyncEngine();
  useFormGuard(Object.values(draft).some((date) => date !== ''));
  const today = todayIsoDate();
  const back = `/warga/${person.id}`;
  if (!events)
    return (
      <Screen title={t('kiaTitle')} backTo={back}>
        {t('loading')}
      </Screen>
    );
  const doses = dosesToCopy(person, splitHistory(events).immunizations, today);

  const save = async (event: Event) => {
    event.preventDefault();
    const check = checkKiaDraft(person.id, person.birthDate, draft, today);
    const found = Object.fromEntries(Object.entries(check.problems).map(([code, key]) => [code, t(key)]));
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    // One record per dose; should one fail, those saved already leave the list and nothing is recorded twice.
    const outcome = await attemptSave(async () => {
      for (const record of check.records) await recordEvent('immunizations', record);
    });
    setSaving(false);
    if (!outcome.ok) {
      setProblems({ form: outcome.errors.form ?? t('fixErrors') });
      return;
    }
    clearDraft();
    engine?.notifyLocalWrite();
    navigate(back);
  };

  return (
    <Screen title={t('kiaTitle')} backTo={back}>
      <p>{t('kiaIntro', { name: person.name })}</p>
      {problems.form && (
        <p class="banner bad" role="alert">
          {problems.form}
        </p>
      )}
      {doses.length === 0 ? (
        <p class="banner" data-testid="kia-none">
          {t('kiaNoneOpen')}
        </p>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="kia-form">
          {doses.map((dose) => (
            <TextField
              key={dose.code}
              label={vaccineLabel(dose.code)}
              name={`kia-${dose.code}`}
              type="date"
              value={draft[dose.code] ?? ''}
              onInput={(v) => setDraft({ ...draft, [dose.code]: v })}
              hint={t('kiaDoseHint', { date: formatDate(dose.dueDate) })}
              error={problems[dose.code]}
            />
          ))}
          <div class="actions">
            <button type="submit" disabled={saving}>
              {saving ? t('saving') : t('kiaSave')}
            </button>
          </div>
        </form>
      )}
    </Screen>
  );
}
