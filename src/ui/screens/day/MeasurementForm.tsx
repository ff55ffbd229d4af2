import { useState } from 'preact/hooks';
import type { Measurement, Person } from '../../../../protocol/index.ts';
import { checkPlausibility, type GrowthTables, type PlausibilityReason } from '../../../domain/growth/index.ts';
import type { MeasurementItem } from '../../../domain/posyandu-day/package-rules.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent, ValidationError } from '../../../storage/index.ts';
import { describeValidation } from '../../../../protocol/index.ts';
import { CheckboxField, ChoiceField, TextField } from '../../components/Field.tsx';
import { formatNumber } from '../../format.ts';
import { useFormGuard } from '../../form-guard.ts';
import { useDraft } from '../../hooks/use-draft.ts';
import { useSyncEngine } from '../../hooks/use-sync.ts';

interface MeasurementFormProps {
  person: Person;
  today: string;
  /** The measurements today's package asks for this person. */
  items: readonly MeasurementItem[];
  previous: readonly Measurement[];
  growth: GrowthTables | undefined;
  isChild: boolean;
}

type Draft = Record<'weightKg' | 'lengthHeightCm' | 'headCircumferenceCm' | 'muacCm' | 'waistCm', string> & {
  systolicMmHg: string;
  diastolicMmHg: string;
  bloodGlucoseMgDl: string;
  fastingGlucoseMgDl: string;
  position: '' | 'lying' | 'standing';
  oedema: boolean;
};

const EMPTY: Draft = {
  weightKg: '',
  lengthHeightCm: '',
  headCircumferenceCm: '',
  muacCm: '',
  waistCm: '',
  systolicMmHg: '',
  diastolicMmHg: '',
  bloodGlucoseMgDl: '',
  fastingGlucoseMgDl: '',
  position: '',
  oedema: false,
};

const DECIMAL_FIELDS = ['weightKg', 'lengthHeightCm', 'headCircumferenceCm', 'muacCm', 'waistCm'] as const;
const WHOLE_FIELDS = ['systolicMmHg', 'diastolicMmHg', 'bloodGlucoseMgDl', 'fastingGlucoseMgDl'] as const;

/** Step 2: the numbers of the day, with the phone's number pad, units in the label and a re-measure check. */
export function MeasurementForm({ person, today, items, previous, growth, isChild }: MeasurementFormProps) {
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`measure-${person.id}-${today}`, () => ({
    ...EMPTY,
    position: isChild ? defaultPosition(person.birthDate, today) : '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [doubts, setDoubts] = useState<PlausibilityReason[] | null>(null);
  const [saved, setSaved] = useState(false);
  const engine = useSyncEngine();
  useFormGuard(Object.entries(draft).some(([key, value]) => key !== 'position' && value !== '' && value !== false));

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setSaved(false);
    setDoubts(null);
    setDraft({ ...draft, [field]: value });
  };
  const shows = (item: MeasurementItem) => items.includes(item);

  const save = async (confirmed: boolean) => {
    const { values, problems } = readNumbers(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const record: Omit<Partial<Measurement>, 'id'> & { personId: string; date: string } = {
      personId: person.id,
      date: today,
      ...values,
      ...(draft.position && values.lengthHeightCm !== undefined ? { position: draft.position } : {}),
      ...(draft.oedema ? { oedema: true } : {}),
    };
    if (isChild && !confirmed) {
      const verdict = checkPlausibility({
        sex: person.sex,
        birthDate: person.birthDate,
        current: record,
        previous,
        ...(growth ? { growth } : {}),
      });
      if (verdict.verdict === 're_measure') {
        setDoubts(verdict.reasons);
        return;
      }
    }
    try {
      await recordEvent('measurements', { ...record, ...(confirmed ? { confirmedUnusual: true } : {}) });
    } catch (error) {
      if (error instanceof ValidationError) {
        setErrors(Object.fromEntries(error.issues.map((issue) => [issue.path, describeValidation(issue.key)])));
        return;
      }
      throw error;
    }
    clearDraft();
    setDraft({ ...EMPTY, position: draft.position });
    setDoubts(null);
    setSaved(true);
    engine?.notifyLocalWrite();
  };

  const numberField = (field: (typeof DECIMAL_FIELDS)[number] | (typeof WHOLE_FIELDS)[number], whole = false) => (
    <TextField
      label={t(field)}
      name={field}
      decimal={!whole}
      numeric={whole}
      value={draft[field]}
      onInput={(v) => set(field, v)}
      error={errors[field]}
    />
  );

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
      noValidate
      data-testid="measurement-form"
    >
      {shows('weightKg') && numberField('weightKg')}
      {shows('lengthHeightCm') && numberField('lengthHeightCm')}
      {shows('lengthHeightCm') && isChild && (
        <ChoiceField
          label={t('position')}
          name="position"
          value={draft.position}
          options={[
            { value: 'lying', label: t('positionLying') },
            { value: 'standing', label: t('positionStanding') },
          ]}
          onChange={(v) => set('position', v)}
        />
      )}
      {shows('headCircumferenceCm') && numberField('headCircumferenceCm')}
      {shows('muacCm') && numberField('muacCm')}
      {shows('waistCm') && numberField('waistCm')}
      {shows('bloodPressure') && (
        <div class="grid-3" style={{ gridTemplateColumns: '1fr 1fr' }}>
          {numberField('systolicMmHg', true)}
          {numberField('diastolicMmHg', true)}
        </div>
      )}
      {shows('bloodGlucoseMgDl') && numberField('bloodGlucoseMgDl', true)}
      {/* The person may have come fasting: GDP is judged on its own cut-offs, beside (or instead of) GDS. */}
      {shows('bloodGlucoseMgDl') && numberField('fastingGlucoseMgDl', true)}
      {isChild && (
        <CheckboxField
          label={t('oedema')}
          name="oedema"
          checked={draft.oedema}
          onChange={(checked) => set('oedema', checked)}
        />
      )}
      {doubts && (
        <div class="banner warn" role="alert" data-testid="re-measure">
          <p>{t('reMeasureTitle')}</p>
          <ul>
            {doubts.map((reason) => (
              <li key={reason.key}>{describeDoubt(reason)}</li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setDoubts(null)}>
              {t('reMeasureAgain')}
            </button>
            <button type="button" onClick={() => void save(true)}>
              {t('reMeasureKeep')}
            </button>
          </div>
        </div>
      )}
      {saved && (
        <p class="banner good" role="status">
          {t('measurementSaved')}
        </p>
      )}
      {!doubts && <button type="submit">{t('saveMeasurement')}</button>}
    </form>
  );
}

function describeDoubt(reason: PlausibilityReason): string {
  return t(`plaus_${reason.key}`, { previous: reason.previous === undefined ? '' : formatNumber(reason.previous) });
}

/** Under two years a child is measured lying down; from two, standing (WHO; the 0.7 cm rule follows from it). */
function defaultPosition(birthDate: string, today: string): 'lying' | 'standing' {
  const twoYears = `${String(Number(birthDate.slice(0, 4)) + 2).padStart(4, '0')}${birthDate.slice(4)}`;
  return today < twoYears ? 'lying' : 'standing';
}

/** Kaders type "8,4" as often as "8.4": both are read; anything else is an error at the field. */
function readNumbers(draft: Draft): { values: Partial<Measurement>; problems: Record<string, string> } {
  const values: Record<string, number> = {};
  const problems: Record<string, string> = {};
  for (const field of [...DECIMAL_FIELDS, ...WHOLE_FIELDS]) {
    const raw = draft[field].trim().replace(',', '.');
    if (raw === '') continue;
    const value = Number(raw);
    const whole = (WHOLE_FIELDS as readonly string[]).includes(field);
    if (!Number.isFinite(value) || (whole && !Number.isInteger(value))) problems[field] = t('numberInvalid');
    else values[field] = value;
  }
  return { values: values as Partial<Measurement>, problems };
}
