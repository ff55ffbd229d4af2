import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { getPerson, listMembers, updatePerson } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useFormGuard } from '../../form-guard.ts';
import { useDraft } from '../../hooks/use-draft.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import type { MemberDraft } from '../household-draft.ts';
import { MemberFields } from '../MemberFields.tsx';
import { memberErrors, personPatch, personToDraft } from './record-edits.ts';
import { useRecordSave } from './use-record-save.ts';

/** Corrects a registered person: a misspelt name, a birth date copied wrong, a NIK that arrived later. */
export function PersonEditScreen({ personId }: { personId: string }) {
  const loaded = useLoadable(() => getPerson(personId), [personId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/" />;
  return <PersonEditForm person={loaded.value} />;
}

function PersonEditForm({ person }: { person: Person }) {
  const [draft, setDraft, clearDraft] = useDraft<MemberDraft>(`person-edit-${person.id}`, () => personToDraft(person));
  const housemates = useWatch(() => listMembers(person.householdId), [person.householdId]);
  const mothers = (housemates ?? [])
    .filter((m) => m.id !== person.id && m.sex === 'female')
    .map((m) => ({ key: m.id, name: m.name }));
  const patch = personPatch(person, draft);
  const dirty = Object.keys(patch).length > 0;
  useFormGuard(dirty);
  const back = `/warga/${person.id}`;
  const { errors, saving, banner, run, leaveUnchanged } = useRecordSave({
    back,
    clearDraft,
    fieldErrors: memberErrors,
  });

  const save = async (event: Event) => {
    event.preventDefault();
    if (!dirty) return leaveUnchanged();
    await run(() => updatePerson(person.id, patch));
  };

  return (
    <Screen title={t('personEditTitle')} backTo={back}>
      {banner && (
        <p class="banner bad" role="alert">
          {banner}
        </p>
      )}
      <form onSubmit={(e) => void save(e)} noValidate data-testid="person-edit">
        <MemberFields
          index={0}
          legend={person.name}
          member={draft}
          mothers={mothers}
          errors={errors}
          onChange={setDraft}
        />
        <div class="actions">
          <button type="submit" disabled={saving}>
            {saving ? t('saving') : t('saveChanges')}
          </button>
          <a class="button secondary" href={`#${back}`} onClick={() => clearDraft()}>
            {t('cancelEdit')}
          </a>
        </div>
      </form>
    </Screen>
  );
}
