import { useState } from 'preact/hooks';
import type { Household } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { findPossibleDuplicates, getHousehold, listMembers, savePerson } from '../../../storage/index.ts';
import type { PossibleDuplicate } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { Screen } from '../../components/Screen.tsx';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { emptyMember, type MemberDraft } from '../household-draft.ts';
import { MemberFields } from '../MemberFields.tsx';
import { memberErrors, newMemberInput } from './record-edits.ts';

/** Adds someone to a registered family: a member missed on the first visit, or who moved in since. */
export function MemberAddScreen({ householdId }: { householdId: string }) {
  const loaded = useLoadable(() => getHousehold(householdId), [householdId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/keluarga" />;
  return <MemberAddForm household={loaded.value} />;
}

function MemberAddForm({ household }: { household: Household }) {
  const form = useForm<MemberDraft>({
    draftKey: `member-add-${household.id}`,
    initial: () => emptyMember(),
    dirty: (draft) => draft.name !== '' || draft.birthDate !== '',
    fieldErrors: memberErrors,
    bannerAtTop: true,
  });
  const { draft } = form;
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  const members = useWatch(() => listMembers(household.id), [household.id]);
  const mothers = (members ?? [])
    .filter((m) => m.sex === 'female' && m.status === 'active')
    .map((m) => ({ key: m.id, name: m.name }));
  const back = `/keluarga/${household.id}`;

  const save = async (event: Event, confirmedNotDuplicate = false) => {
    event.preventDefault();
    if (!confirmedNotDuplicate) {
      // A person registered twice splits their history in two: ask before, not after.
      const mother = (members ?? []).find((m) => m.id === draft.motherKey);
      const found = await findPossibleDuplicates([
        {
          name: draft.name,
          birthDate: draft.birthDate,
          ...(draft.nik ? { nik: draft.nik } : {}),
          ...(mother ? { motherName: mother.name } : {}),
        },
      ]);
      if (found.length > 0) {
        setDuplicates(found);
        window.scrollTo({ top: 0 });
        return;
      }
    }
    setDuplicates(null);
    await form.submit(() => savePerson(newMemberInput(household.id, draft)), { next: back });
  };

  return (
    <Screen title={t('memberAddTitle', { household: household.headName })} backTo={back}>
      <FormBanner banner={form.banner} />
      {duplicates && (
        <div class="banner warn" role="alert" data-testid="duplicate-warning">
          <p>{t('duplicateTitle')}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.existing.id}>
                {t(d.reason === 'same_nik' ? 'duplicateSameNik' : 'duplicateSameNameBirth', {
                  typed: draft.name,
                  existing: d.existing.name,
                })}{' '}
                <a href={`#/warga/${d.existing.id}`}>{t('duplicateOpen')}</a>
              </li>
            ))}
          </ul>
          <button type="button" class="secondary" onClick={(e) => void save(e, true)}>
            {t('duplicateSaveAnyway')}
          </button>
        </div>
      )}
      <form onSubmit={(e) => void save(e)} noValidate data-testid="member-add">
        <MemberFields
          index={0}
          legend={t('memberNew')}
          member={draft}
          mothers={mothers}
          errors={form.errors}
          onChange={form.setDraft}
        />
        <div class="actions">
          <SaveButton saving={form.saving} />
        </div>
      </form>
    </Screen>
  );
}
