import type { EnrollmentArea, Household } from '../../../../protocol/index.ts';
import { t } from '../../../i18n/index.ts';
import { getHousehold, listHouseholds, updateHousehold } from '../../../storage/index.ts';
import { LoadState } from '../../components/LoadStates.tsx';
import { Screen } from '../../components/Screen.tsx';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { useLoadable } from '../../hooks/use-loadable.ts';
import { useWatch } from '../../hooks/use-watch.ts';
import { areaChoices } from '../household-area.ts';
import { HouseholdFields, PisPkFields } from '../HouseholdFields.tsx';
import { householdPatch, householdToDraft, type HouseholdFields as Fields } from './record-edits.ts';

/** Corrects a registered household: the head's name, the family card, the address, the PIS-PK answers. */
export function HouseholdEditScreen({ householdId, area }: { householdId: string; area?: EnrollmentArea | undefined }) {
  const loaded = useLoadable(() => getHousehold(householdId), [householdId]);
  // The dusun and RT/RW to pick from are those of the enrollment and of the households on the phone.
  const households = useWatch(() => listHouseholds(), []);
  if (loaded.state !== 'ready' || !loaded.value) return <LoadState loadable={loaded} backTo="/keluarga" />;
  if (!households) return <LoadState loadable={{ state: 'loading' }} backTo="/keluarga" />;
  // The form starts from the record as first read; a sync landing meanwhile does not wipe what is being typed.
  return <HouseholdEditForm household={loaded.value} area={area} households={households} />;
}

function HouseholdEditForm(props: {
  household: Household;
  area: EnrollmentArea | undefined;
  households: readonly Household[];
}) {
  const { household, area } = props;
  const form = useForm<Fields>({
    draftKey: `household-edit-${household.id}`,
    initial: () => householdToDraft(household),
    dirty: (draft) => Object.keys(householdPatch(household, draft)).length > 0,
    bannerAtTop: true,
  });
  const { draft, update, errors } = form;
  const patch = householdPatch(household, draft);
  const back = `/keluarga/${household.id}`;

  const save = async (event: Event) => {
    event.preventDefault();
    await form.submitEdit(patch, () => updateHousehold(household.id, patch), back);
  };

  return (
    <Screen title={t('householdEditTitle')} backTo={back}>
      <FormBanner banner={form.banner} />
      <form onSubmit={(e) => void save(e)} noValidate data-testid="household-edit">
        <HouseholdFields
          draft={draft}
          update={update}
          error={(path) => errors[path]}
          areaOpen={false}
          fixedArea={enrollmentArea(household, area)}
          choices={areaChoices(area, props.households)}
        />
        <PisPkFields draft={draft} update={update} />
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

/**
 * The enrollment's desa stands in for the four codes only when the household already carries them: a household
 * whose codes were typed differently (before the enrollment carried them) keeps its codes on view to correct,
 * never changed behind the kader's back by an unrelated edit.
 */
function enrollmentArea(household: Household, area: EnrollmentArea | undefined): EnrollmentArea | undefined {
  if (!area) return undefined;
  const { address } = household;
  const same =
    address.provinceCode === area.provinceCode &&
    address.regencyCode === area.regencyCode &&
    address.districtCode === area.districtCode &&
    address.villageCode === area.villageCode;
  return same ? area : undefined;
}
