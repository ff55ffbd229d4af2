import type { Person } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { getPerson, listMembers, updatePerson } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { Screen } from '../../components/Screen.tsx';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import type { MemberDraft } from '../household-draft.ts';
import { MemberFields } from '../MemberFields.tsx';
import { memberErrors, personPatch, personToDraft } from './record-edits.ts';

/** Corrects a registered person: a misspelt name, a birth date copied wrong, a NIK that arrived later. */
export function PersonEditScreen({ personId }: { personId: string }) {
  const loaded = useLoadable(() => getPerson(personId), [personId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/" />;
  return <PersonEditForm person={loaded.value} />;
}

function PersonEditForm({ person }: { person: Person }) {
  const form = useForm<MemberDraft>({
    draftKey: `person-edit-${person.id}`,
    initial: () => personToDraft(person),
    dirty: (draft) => Object.keys(personPatch(person, draft)).length > 0,
    fieldErrors: memberErrors,
    bannerAtTop: true,
  });
  const housemates = useWatch(() => listMembers(person.householdId), [person.householdId]);
  const mothers = (housemates ?? [])
    .filter((m) => m.id !== person.id && m.sex === 'female')
    .map((m) => ({ key: m.id, name: m.name }));
  const patch = personPatch(person, form.draft);
  const back = `/warga/${person.id}`;

  const save = async (event: Event) => {
    event.preventDefault();
    await form.submitEdit(patch, () => updatePerson(person.id, patch), back);
  };

  return (
    <Screen title={t('personEditTitle')} backTo={back}>
      <FormBanner banner={form.banner} />
      <form onSubmit={(e) => void save(e)} noValidate data-testid="person-edit">
        <MemberFields
          index={0}
          legend={person.name}
          member={form.draft}
          mothers={mothers}
          errors={form.errors}
          onChange={form.setDraft}
        />
        <div class="actions">
          <SaveButton saving={form.saving} label={t('saveChanges')} />
          <a class="button secondary" href={`#${back}`} onClick={form.discard}>
            {t('cancelEdit')}
          </a>
        </div>
      </form>
    </Screen>
  );
}
