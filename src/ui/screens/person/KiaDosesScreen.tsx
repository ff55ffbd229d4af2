import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { getPerson, listEventsForPerson, recordEvent } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { TextField } from '../../components/Field.tsx';
import { Screen } from '../../components/Screen.tsx';
import { formatDate, todayIsoDate } from '../../format.ts';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { vaccineLabel } from '../../labels.ts';
import { splitHistory } from '../day/visitor-data.ts';
import { checkKiaDraft, dosesToCopy, type KiaDraft } from './kia-doses.ts';

/** Copies the vaccines the Buku KIA shows as given elsewhere (puskesmas, bidan, hospital) into the app. */
export function KiaDosesScreen({ personId }: { personId: string }) {
  const loaded = useLoadable(() => getPerson(personId), [personId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/" />;
  return <KiaDosesForm person={loaded.value} />;
}

function KiaDosesForm({ person }: { person: Person }) {
  const events = useWatch(() => listEventsForPerson(person.id), [person.id]);
  const form = useForm<KiaDraft>({
    draftKey: `kia-${person.id}`,
    initial: () => ({}),
    dirty: (draft) => Object.values(draft).some((date) => date !== ''),
  });
  const { draft, errors } = form;
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
    if (form.refuse(Object.fromEntries(Object.entries(check.problems).map(([code, key]) => [code, t(key)])))) return;
    // One record per dose; should one fail, those saved already leave the list and nothing is recorded twice.
    await form.submit(
      async () => {
        for (const record of check.records) await recordEvent('immunizations', record);
      },
      { next: back },
    );
  };

  return (
    <Screen title={t('kiaTitle')} backTo={back}>
      <p>{t('kiaIntro', { name: person.name })}</p>
      <FormBanner banner={errors.form ?? null} />
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
              onInput={(v) => form.update({ [dose.code]: v })}
              hint={t('kiaDoseHint', { date: formatDate(dose.dueDate) })}
              error={errors[dose.code]}
            />
          ))}
          <div class="actions">
            <SaveButton saving={form.saving} label={t('kiaSave')} />
          </div>
        </form>
      )}
    </Screen>
  );
}
