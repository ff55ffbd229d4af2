import { useState } from 'preact/hooks';
import type { EnrollmentArea } from '../../../protocol/index.ts';
import { t } from '../../i18n/index.ts';
import { ChoiceField, TextField } from '../components/Field.tsx';
import { PIS_PK_ORDER, type HouseholdDraft } from './household-draft.ts';
import { rtChoicesFor, type DusunChoice } from './household-area.ts';

type Fields = Omit<HouseholdDraft, 'members'>;

interface HouseholdFieldsProps {
  draft: Fields;
  /** Merges the changed fields into the form's draft. */
  update: (patch: Partial<Fields>) => void;
  /** Messages by path relative to the household (`headName`, `address.rt`). */
  error: (path: string) => string | undefined;
  /** The area codes start unfolded while unknown; once known they stay out of the way. */
  areaOpen: boolean;
  /** The desa from the enrollment: its codes are used as they are and never asked for. */
  fixedArea?: EnrollmentArea | undefined;
  /** Dusun and RT to pick from instead of typing. */
  choices?: readonly DusunChoice[];
  /** The registration form takes the head's name from the first member, typed once; the edit form asks here. */
  askHeadName?: boolean;
}

const OTHER = '__other';
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The household's own fields, shared by the registration and the edit form. */
export function HouseholdFields(props: HouseholdFieldsProps) {
  const { draft, update, error, areaOpen, fixedArea, choices = [], askHeadName = true } = props;
  const set = <K extends keyof Fields>(field: K, value: Fields[K]) => update({ [field]: value } as Partial<Fields>);
  const codeError = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'].some((f) => error(`address.${f}`));
  return (
    <>
      {askHeadName && (
        <TextField
          label={t('householdHead')}
          name="headName"
          value={draft.headName}
          onInput={(v) => set('headName', v)}
          error={error('headName')}
        />
      )}
      <TextField
        label={`${t('familyCardNumber')} ${t('optional')}`}
        name="familyCardNumber"
        numeric
        maxLength={16}
        value={draft.familyCardNumber}
        onInput={(v) => set('familyCardNumber', v.replace(/\D/g, ''))}
        error={error('familyCardNumber')}
      />
      <DusunPicker draft={draft} update={update} choices={choices} />
      <RtPicker draft={draft} update={update} error={error} choices={choices} />
      <TextField
        label={`${t('street')} ${t('optional')}`}
        name="street"
        value={draft.street}
        onInput={(v) => set('street', v)}
      />
      {fixedArea && !codeError ? (
        <p class="muted" data-testid="area-from-enrollment">
          {t('areaFromEnrollment', { desa: fixedArea.desa ?? fixedArea.villageCode, code: fixedArea.villageCode })}
        </p>
      ) : (
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
      )}
    </>
  );
}

interface PickerProps {
  draft: Fields;
  update: (patch: Partial<Fields>) => void;
  choices: readonly DusunChoice[];
}

/** The dusun as one tap among those known; "Lainnya" types a new one. */
function DusunPicker({ draft, update, choices }: PickerProps) {
  const [typing, setTyping] = useState(() => draft.dusun !== '' && !choices.some((c) => sameName(c.name, draft.dusun)));
  if (choices.length === 0 || typing) {
    return <TextField label={t('dusun')} name="dusun" value={draft.dusun} onInput={(v) => update({ dusun: v })} />;
  }
  const picked = choices.find((c) => sameName(c.name, draft.dusun))?.name ?? '';
  return (
    <ChoiceField
      label={t('dusun')}
      name="dusun-choice"
      value={picked}
      options={[...choices.map((c) => ({ value: c.name, label: c.name })), { value: OTHER, label: t('choiceOther') }]}
      onChange={(v) => {
        if (v === OTHER) {
          setTyping(true);
          update({ dusun: '', rt: '', rw: '' });
        } else update({ dusun: v });
      }}
    />
  );
}

/** RT and RW as one tap among those already used in the dusun; "Lainnya" types them. */
function RtPicker({ draft, update, error, choices }: PickerProps & { error: (path: string) => string | undefined }) {
  const [typing, setTyping] = useState(false);
  const rts = rtChoicesFor(choices, draft.dusun);
  const rtError = error('address.rt') ?? error('address.rw');
  if (rts.length > 0 && !typing) {
    const value = draft.rt && draft.rw ? `${Number(draft.rt)}/${Number(draft.rw)}` : '';
    return (
      <ChoiceField
        label={t('rtRw')}
        name="rt-choice"
        value={rts.some((c) => `${c.rt}/${c.rw}` === value) ? value : ''}
        options={[
          ...rts.map((c) => ({ value: `${c.rt}/${c.rw}`, label: t('rtRwValue', { rt: c.rt, rw: c.rw }) })),
          { value: OTHER, label: t('choiceOther') },
        ]}
        onChange={(v) => {
          if (v === OTHER) {
            setTyping(true);
            update({ rt: '', rw: '' });
            return;
          }
          const [rt = '', rw = ''] = v.split('/');
          update({ rt, rw });
        }}
        error={rtError}
      />
    );
  }
  return (
    <div class="grid-3">
      <TextField
        label={t('rt')}
        name="rt"
        numeric
        maxLength={3}
        value={draft.rt}
        onInput={(v) => update({ rt: v.replace(/\D/g, '') })}
        error={error('address.rt')}
      />
      <TextField
        label={t('rw')}
        name="rw"
        numeric
        maxLength={3}
        value={draft.rw}
        onInput={(v) => update({ rw: v.replace(/\D/g, '') })}
        error={error('address.rw')}
      />
    </div>
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
