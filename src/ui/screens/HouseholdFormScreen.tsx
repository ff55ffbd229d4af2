import { useState } from 'preact/hooks';
import type { EnrollmentArea } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { listHouseholds } from '../../storage/index.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { areaChoices } from './household-area.ts';
import { Screen } from '../components/Screen.tsx';
import { FormBanner, SaveButton } from '../forms/FormParts.tsx';
import { useForm } from '../forms/use-form.ts';
import { emptyHouseholdDraft, rememberArea, type HouseholdDraft } from './household-draft.ts';
import { HouseholdFields, PisPkFields } from './HouseholdFields.tsx';
import { completeDraft, findDraftDuplicates, nextMember, saveHouseholdDraft } from './household-draft-save.ts';
import type { PossibleDuplicate } from '../../storage/index.ts';
import { MemberFields } from './MemberFields.tsx';

/**
 * Registers a family from its Kartu Keluarga: the household and all its members in one save. The head's name is
 * typed once (the first member's), the desa's codes come from the enrollment, and the dusun and RT are picked
 * from those the phone already knows.
 */
export function HouseholdFormScreen({ area }: { area?: EnrollmentArea | undefined }) {
  const form = useForm<HouseholdDraft>({
    draftKey: 'household-new',
    initial: emptyHouseholdDraft,
    dirty: (draft) => draft.members.some((m) => m.name !== ''),
    // The household's head is the first member's name: a refusal of it is shown at that member's name.
    fieldErrors: (errors) => {
      const headIndex = Math.max(
        0,
        form.draft.members.findIndex((m) => m.relationToHead === 'head'),
      );
      const headError = errors['household.headName'];
      return headError ? { [`members.${headIndex}.name`]: headError, ...errors } : errors;
    },
    bannerAtTop: true,
  });
  const { draft, errors } = form;
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  // Open while the codes are unknown; a remembered village stays folded. Decided once, not on every keystroke.
  const [areaOpen] = useState(() => !draft.villageCode);
  const households = useWatch(() => listHouseholds(), []);

  const set = <K extends keyof HouseholdDraft>(field: K, value: HouseholdDraft[K]) =>
    form.update({ [field]: value } as Partial<HouseholdDraft>);
  const error = (path: string) => errors[`household.${path}`];
  const mothers = draft.members
    .filter((m) => m.sex === 'female' && m.name.trim() !== '')
    .map((m) => ({ key: m.key, name: m.name }));

  const save = async (event: Event, confirmedNotDuplicate = false) => {
    event.preventDefault();
    const complete = completeDraft(draft, area);
    if (!confirmedNotDuplicate) {
      // Ask before saving, not after: a person registered twice splits their history in two.
      const found = await findDraftDuplicates(complete);
      if (found.length > 0) {
        setDuplicates(found);
        window.scrollTo({ top: 0 });
        return;
      }
    }
    setDuplicates(null);
    await form.submit(() => saveHouseholdDraft(complete), {
      then: () => rememberArea(complete),
      next: (householdId) => `/keluarga/${householdId}`,
    });
  };

  return (
    <Screen title={t('householdNew')} backTo="/keluarga">
      <FormBanner banner={form.banner} />
      {duplicates && (
        <div class="banner warn" role="alert" data-testid="duplicate-warning">
          <p>{t('duplicateTitle')}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={`${d.index}-${d.existing.id}`}>
                {t(d.reason === 'same_nik' ? 'duplicateSameNik' : 'duplicateSameNameBirth', {
                  typed: draft.members[d.index]?.name ?? '',
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
      <form onSubmit={(e) => void save(e)} noValidate>
        {households ? (
          <HouseholdFields
            draft={draft}
            update={form.update}
            error={error}
            areaOpen={areaOpen}
            fixedArea={area}
            choices={areaChoices(area, households)}
            askHeadName={false}
          />
        ) : (
          <p>{t('loading')}</p>
        )}

        <h2>{t('membersTitle')}</h2>
        {draft.members.map((member, index) => (
          <MemberFields
            key={member.key}
            index={index}
            member={member}
            nameLabel={index === 0 ? t('householdHead') : undefined}
            mothers={mothers.filter((m) => m.key !== member.key)}
            errors={errors}
            onChange={(next) =>
              set(
                'members',
                draft.members.map((m, i) => (i === index ? next : m)),
              )
            }
            onRemove={
              draft.members.length > 1
                ? () =>
                    set(
                      'members',
                      draft.members.filter((_, i) => i !== index),
                    )
                : undefined
            }
          />
        ))}
        <button
          type="button"
          class="secondary"
          onClick={() => set('members', [...draft.members, nextMember(draft.members)])}
        >
          + {t('memberAdd')}
        </button>

        <PisPkFields draft={draft} update={form.update} />

        <div class="actions">
          <SaveButton saving={form.saving} />
        </div>
      </form>
    </Screen>
  );
}
