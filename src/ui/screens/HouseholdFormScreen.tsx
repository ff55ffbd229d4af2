import { useState } from 'preact/hooks';
import type { EnrollmentArea } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { listHouseholds } from '../../storage/index.ts';
import { useWatch } from '../hooks/use-watch.ts';
import { areaChoices } from './household-area.ts';
import { Screen } from '../components/Screen.tsx';
import { useFormGuard } from '../form-guard.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { navigate } from '../router.ts';
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
  const [draft, setDraft, clearDraft] = useDraft<HouseholdDraft>('household-new', emptyHouseholdDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  // Open while the codes are unknown; a remembered village stays folded. Decided once, not on every keystroke.
  const [areaOpen] = useState(() => !draft.villageCode);
  const engine = useSyncEngine();
  const households = useWatch(() => listHouseholds(), []);
  const dirty = draft.members.some((m) => m.name !== '');
  useFormGuard(dirty);

  const set = <K extends keyof HouseholdDraft>(field: K, value: HouseholdDraft[K]) =>
    setDraft({ ...draft, [field]: value });
  const error = (path: string) => errors[`household.${path}`];
  const mothers = draft.members
    .filter((m) => m.sex === 'female' && m.name.trim() !== '')
    .map((m) => ({ key: m.key, name: m.name }));

  const save = async (event: Event, confirmedNotDuplicate = false) => {
    event.preventDefault();
    if (!confirmedNotDuplicate) {
      // Ask before saving, not after: a person registered twice splits their history in two.
      const found = await findDraftDuplicates(completeDraft(draft, area));
      if (found.length > 0) {
        setDuplicates(found);
        window.scrollTo({ top: 0 });
        return;
      }
    }
    setDuplicates(null);
    setSaving(true);
    const outcome = await saveHouseholdDraft(completeDraft(draft, area));
    setSaving(false);
    if (outcome.ok) {
      rememberArea(completeDraft(draft, area));
      clearDraft();
      setErrors({});
      engine?.notifyLocalWrite();
      navigate(`/keluarga/${outcome.householdId}`);
      return;
    }
    const headIndex = Math.max(
      0,
      draft.members.findIndex((m) => m.relationToHead === 'head'),
    );
    const headError = outcome.errors['household.headName'];
    setErrors(headError ? { [`members.${headIndex}.name`]: headError, ...outcome.errors } : outcome.errors);
    setBanner(outcome.errors.form ?? t('fixErrors'));
    window.scrollTo({ top: 0 });
  };

  return (
    <Screen title={t('householdNew')} backTo="/keluarga">
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
            update={(patch) => setDraft({ ...draft, ...patch })}
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

        <PisPkFields draft={draft} update={(patch) => setDraft({ ...draft, ...patch })} />

        <div class="actions">
          <button type="submit" disabled={saving}>
            {saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </Screen>
  );
}
