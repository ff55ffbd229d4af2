import { useState } from 'preact/hooks';
import type { Measurement, Person } from '../../../../protocol/index.ts';
import { checkPlausibility, type GrowthTables, type PlausibilityReason } from '../../../domain/growth/index.ts';
import type { MeasurementItem } from '../../../domain/posyandu-day/package-rules.ts';
import { t } from '../../../i18n/index.ts';
import { recordEvent } from '../../../storage/index.ts';
import { CheckboxField, ChoiceField, TextField } from '../../components/Field.tsx';
import { formatNumber } from '../../format.ts';
import { FormBanner, SavedEcho, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';

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
  const initial = (): Draft => ({ ...EMPTY, position: isChild ? defaultPosition(person.birthDate, today) : '' });
  const form = useForm<Draft>({
    draftKey: `measure-${person.id}-${today}`,
    initial,
    dirty: (draft) =>
      Object.entries(draft).some(([key, value]) => key !== 'position' && value !== '' && value !== false),
  });
  const { draft, errors } = form;
  const [doubts, setDoubts] = useState<PlausibilityReason[] | null>(null);

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDoubts(null);
    form.update({ [field]: value } as Partial<Draft>);
  };
  const shows = (item: MeasurementItem) => items.includes(item);

  const save = async (confirmed: boolean) => {
    const { values, problems } = readNumbers(draft);
    if (form.refuse(problems)) return;
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
    await form.submit(
      () => recordEvent('measurements', { ...record, ...(confirmed ? { confirmedUnusual: true } : {}) }),
      { reset: { ...initial(), position: draft.position }, echo: t('measurementSaved'), then: () => setDoubts(null) },
    );
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
      <FormBanner banner={errors.form ?? null} />
      <SavedEcho echo={form.echo} />
      {!doubts && <SaveButton saving={form.saving} label={t('saveMeasurement')} />}
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
