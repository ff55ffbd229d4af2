import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { Screen } from '../components/Screen.tsx';
import { useFormGuard } from '../form-guard.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { useSyncEngine } from '../hooks/use-sync.ts';
import { navigate } from '../router.ts';
import { emptyHouseholdDraft, emptyMember, rememberArea, type HouseholdDraft } from './household-draft.ts';
import { HouseholdFields, PisPkFields } from './HouseholdFields.tsx';
import { findDraftDuplicates, saveHouseholdDraft } from './household-draft-save.ts';
import type { PossibleDuplicate } from '../../storage/index.ts';
import { MemberFields } from './MemberFields.tsx';

/** Registers a family from its Kartu Keluarga: the household and all its members in one save. */
export function HouseholdFormScreen() {
  const [draft, setDraft, clearDraft] = useDraft<HouseholdDraft>('household-new', emptyHouseholdDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  // Open while the codes are unknown; a remembered village stays folded. Decided once, not on every keystroke.
  const [areaOpen] = useState(() => !draft.villageCode);
  const engine = useSyncEngine();
  const dirty = draft.headName !== '' || draft.members.some((m) => m.name !== '');
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
      const found = await findDraftDuplicates(draft);
      if (found.length > 0) {
        setDuplicates(found);
        window.scrollTo({ top: 0 });
        return;
      }
    }
    setDuplicates(null);
    setSaving(true);
    const outcome = await saveHouseholdDraft(draft);
    setSaving(false);
    if (outcome.ok) {
      rememberArea(draft);
      clearDraft();
      setErrors({});
      engine?.notifyLocalWrite();
      navigate(`/keluarga/${outcome.householdId}`);
      return;
    }
    setErrors(outcome.errors);
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
        <HouseholdFields
          draft={draft}
          update={(patch) => setDraft({ ...draft, ...patch })}
          error={error}
          areaOpen={areaOpen}
        />

        <h2>{t('membersTitle')}</h2>
        {draft.members.map((member, index) => (
          <MemberFields
            key={member.key}
            index={index}
            member={member}
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
        <button type="button" class="secondary" onClick={() => set('members', [...draft.members, emptyMember()])}>
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
