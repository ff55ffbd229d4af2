import { useState } from 'preact/hooks';
import type { Household } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { findPossibleDuplicates, getHousehold, listMembers, savePerson } from '../../../storage/index.ts';
import type { PossibleDuplicate } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useFormGuard } from '../../form-guard.ts';
import { useDraft } from '../../hooks/use-draft.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { emptyMember, type MemberDraft } from '../household-draft.ts';
import { MemberFields } from '../MemberFields.tsx';
import { memberErrors, newMemberInput } from './record-edits.ts';
import { useRecordSave } from './use-record-save.ts';

/** Adds someone to a registered family: a member missed on the first visit, or who moved in since. */
export function MemberAddScreen({ householdId }: { householdId: string }) {
  const loaded = useLoadable(() => getHousehold(householdId), [householdId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/keluarga" />;
  return <MemberAddForm household={loaded.value} />;
}

function MemberAddForm({ household }: { household: Household }) {
  const [draft, setDraft, clearDraft] = useDraft<MemberDraft>(`member-add-${household.id}`, () => emptyMember());
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  const members = useWatch(() => listMembers(household.id), [household.id]);
  const mothers = (members ?? [])
    .filter((m) => m.sex === 'female' && m.status === 'active')
    .map((m) => ({ key: m.id, name: m.name }));
  useFormGuard(draft.name !== '' || draft.birthDate !== '');
  const back = `/keluarga/${household.id}`;
  const { errors, saving, banner, run } = useRecordSave({ back, clearDraft, fieldErrors: memberErrors });

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
    await run(() => savePerson(newMemberInput(household.id, draft)));
  };

  return (
    <Screen title={t('memberAddTitle', { household: household.headName })} backTo={back}>
      {banner && (
        <p class="banner bad" role="alert">
          {banner}
        </p>
      )}
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
          errors={errors}
          onChange={setDraft}
        />
        <div class="actions">
          <button type="submit" disabled={saving}>
            {saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
