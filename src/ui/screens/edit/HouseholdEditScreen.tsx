import type { Household } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { getHousehold, updateHousehold } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { Screen } from '../../components/Screen.tsx';
import { useFormGuard } from '../../form-guard.ts';
import { useDraft } from '../../hooks/use-draft.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { HouseholdFields, PisPkFields } from '../HouseholdFields.tsx';
import { householdPatch, householdToDraft, type HouseholdFields as Fields } from './record-edits.ts';
import { useRecordSave } from './use-record-save.ts';

/** Corrects a registered household: the head's name, the family card, the address, the PIS-PK answers. */
export function HouseholdEditScreen({ householdId }: { householdId: string }) {
  const loaded = useLoadable(() => getHousehold(householdId), [householdId]);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/keluarga" />;
  // The form starts from the record as first read; a sync landing meanwhile does not wipe what is being typed.
  return <HouseholdEditForm household={loaded.value} />;
}

function HouseholdEditForm({ household }: { household: Household }) {
  const [draft, setDraft, clearDraft] = useDraft<Fields>(`household-edit-${household.id}`, () =>
    householdToDraft(household),
  );
  const patch = householdPatch(household, draft);
  const dirty = Object.keys(patch).length > 0;
  useFormGuard(dirty);
  const back = `/keluarga/${household.id}`;
  const { errors, saving, banner, run, leaveUnchanged } = useRecordSave({ back, clearDraft });

  const save = async (event: Event) => {
    event.preventDefault();
    if (!dirty) return leaveUnchanged();
    await run(() => updateHousehold(household.id, patch));
  };

  return (
    <Screen title={t('householdEditTitle')} backTo={back}>
      {banner && (
        <p class="banner bad" role="alert">
          {banner}
        </p>
      )}
      <form onSubmit={(e) => void save(e)} noValidate data-testid="household-edit">
        <HouseholdFields
          draft={draft}
          update={(next) => setDraft({ ...draft, ...next })}
          error={(path) => errors[path]}
          areaOpen={false}
        />
        <PisPkFields draft={draft} update={(next) => setDraft({ ...draft, ...next })} />
        <div class="actions">
          <button type="submit" disabled={saving}>
            {saving ? t('saving') : t('saveChanges')}
          </button>
          <a
            class="button secondary"
            href={`#${back}`}
            onClick={() => {
              clearDraft();
            }}
          >
            {t('cancelEdit')}
          </a>
        </div>
      </form>
    </Screen>
  );
}
