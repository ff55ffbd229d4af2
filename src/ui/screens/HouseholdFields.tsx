import { t } from '../../i18n/index.ts';
import { ChoiceField, TextField } from '../components/Field.tsx';
import { PIS_PK_ORDER, type HouseholdDraft } from './household-draft.ts';

type Fields = Omit<HouseholdDraft, 'members'>;

interface HouseholdFieldsProps {
  draft: Fields;
  /** Merges the changed fields into the form's draft. */
  update: (patch: Partial<Fields>) => void;
  /** Messages by path relative to the household (`headName`, `address.rt`). */
  error: (path: string) => string | undefined;
  /** The area codes start unfolded while unknown; once known they stay out of the way. */
  areaOpen: boolean;
}

/** The household's own fields, shared by the registration and the edit form. */
export function HouseholdFields({ draft, update, error, areaOpen }: HouseholdFieldsProps) {
  const set = <K extends keyof Fields>(field: K, value: Fields[K]) => update({ [field]: value } as Partial<Fields>);
  const codeError = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'].some((f) => error(`address.${f}`));
  return (
    <>
      <TextField
        label={t('householdHead')}
        name="headName"
        value={draft.headName}
        onInput={(v) => set('headName', v)}
        error={error('headName')}
      />
      <TextField
        label={`${t('familyCardNumber')} ${t('optional')}`}
        name="familyCardNumber"
        numeric
        maxLength={16}
        value={draft.familyCardNumber}
        onInput={(v) => set('familyCardNumber', v.replace(/\D/g, ''))}
        error={error('familyCardNumber')}
      />
      <TextField label={t('street')} name="street" value={draft.street} onInput={(v) => set('street', v)} />
      <div class="grid-3">
        <TextField label={t('dusun')} name="dusun" value={draft.dusun} onInput={(v) => set('dusun', v)} />
        <TextField
          label={t('rt')}
          name="rt"
          numeric
          maxLength={3}
          value={draft.rt}
          onInput={(v) => set('rt', v.replace(/\D/g, ''))}
          error={error('address.rt')}
        />
        <TextField
          label={t('rw')}
          name="rw"
          numeric
          maxLength={3}
          value={draft.rw}
          onInput={(v) => set('rw', v.replace(/\D/g, ''))}
          error={error('address.rw')}
        />
      </div>
      <details open={areaOpen || codeError}>
        <summary class="muted">{t('areaCodesHint')}</summary>
        {(['provinceCode', 'regencyCode', 'districtCode', 'villageCode'] as const).map((field) => (
          <TextField
            key={field}
            label={t(field)}
            name={field}
            numeric
            value={draft[field]}
            onInput={(v) => set(field, v.replace(/\D/g, ''))}
            error={error(`address.${field}`)}
          />
        ))}
      </details>
    </>
  );
}

/** The twelve Keluarga Sehat questions, folded: they are asked once a year, not at every visit. */
export function PisPkFields({ draft, update }: Pick<HouseholdFieldsProps, 'draft' | 'update'>) {
  return (
    <details>
      <summary>
        <strong>{t('pisPkTitle')}</strong>
      </summary>
      {PIS_PK_ORDER.map((indicator) => (
        <ChoiceField
          key={indicator}
          label={t(`pisPk_${indicator}`)}
          name={`pisPk-${indicator}`}
          value={draft.pisPk[indicator] ?? ''}
          options={[
            { value: 'yes', label: t('yes') },
            { value: 'no', label: t('no') },
            { value: 'na', label: t('notApplicable') },
          ]}
          onChange={(v) => update({ pisPk: { ...draft.pisPk, [indicator]: v } })}
        />
      ))}
    </details>
  );
}
