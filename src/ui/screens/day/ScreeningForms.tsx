import { useState } from 'preact/hooks';
import type { Person } from '../../../../protocol/index.ts';
import { completedYears } from '../../../domain/dates/calendar.ts';
import type { PackageItem } from '../../../domain/posyandu-day/daily-package.ts';
import {
  BARTHEL_RULES,
  scoreBarthel,
  SKILAS_ITEMS,
  scorePuma,
  scoreSkilas,
  skilasDomainsFromItems,
  scoreSrq20,
  scoreTbSymptoms,
  type QuestionnaireResult,
} from '../../../domain/screening/questionnaires.ts';
import { referralTag } from '../../../domain/assessment/assess-person.ts';
import { SCREENING_RULE } from '../../../domain/assessment/finding-rules.ts';
import { screeningFindingCode } from '../../../domain/assessment/judge-screenings.ts';
import { t, type StringKey } from '../../../i18n/index.ts';
import { screeningResultLabel } from '../../labels.ts';
import { recordEvent } from '../../../storage/index.ts';
import { CheckboxField, TextField } from '../../components/Field.tsx';
import { FormBanner, SaveButton } from '../../forms/FormParts.tsx';
import { useForm } from '../../forms/use-form.ts';
import { itemLabel } from './item-label.ts';

interface Questionnaire {
  /** One yes/no question per label; SRQ-20 numbers its items as on the paper form the kader reads from. */
  questions: string[];
  /** PUMA also asks how much and how long the person smoked; Barthel ADL scores each activity. */
  numbers?: string[];
  /** The label of each number field, and its highest value (scores above it are read as the highest). */
  numberLabel?: (key: string) => string;
  numberMax?: Record<string, number>;
  score(yes: boolean[], numbers: Record<string, number>, person: Person, today: string): QuestionnaireResult;
}

const TB_ADULT = ['tbq_cough', 'tbq_weight', 'tbq_fever', 'tbq_sweats', 'tbq_contact'] as const;
const TB_CHILD = ['tbc_cough', 'tbc_weight', 'tbc_fever', 'tbc_lethargy', 'tbq_contact'] as const;
// Spelled out so that a missing question string is a compile error, not a blank line.
const SRQ_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] as const;
const PUMA_QUESTIONS = ['puma_breathless', 'puma_phlegm', 'puma_cough', 'puma_spirometry'] as const;

const tb = (questions: typeof TB_ADULT | typeof TB_CHILD): Questionnaire => ({
  questions: questions.map((key) => t(key)),
  score: (yes, _numbers, person, today) =>
    scoreTbSymptoms({
      ageYears: completedYears(person.birthDate, today),
      symptoms: [yes[0] ?? false, yes[1] ?? false, yes[2] ?? false, yes[3] ?? false],
      householdContact: yes[4] ?? false,
    }),
});

function questionnaireFor(code: string): Questionnaire | null {
  switch (code) {
    case 'tb_symptoms':
      return tb(TB_ADULT);
    case 'tb_symptoms_child':
      return tb(TB_CHILD);
    case 'srq20':
      return {
        questions: SRQ_ITEMS.map((n) => `${n}. ${t(`srq_${n}`)}`),
        score: (yes) => scoreSrq20(yes),
      };
    case 'skilas':
      return {
        // The form's own items (each "ya" is a problem found), grouped into the six domains when scored.
        questions: SKILAS_ITEMS.map(
          (item) => `${t(`skilas_${item.domain}`)}: ${t(`skilasitem_${item.code}` as StringKey)}`,
        ),
        score: (yes) =>
          scoreSkilas(
            skilasDomainsFromItems(Object.fromEntries(SKILAS_ITEMS.map((item, i) => [item.code, yes[i] ?? false]))),
          ),
      };
    case 'adl_barthel':
      return {
        questions: [],
        numbers: BARTHEL_RULES.itemMaxima.map(([key]) => key),
        numberLabel: (key) => t(`barthel_${key}` as StringKey),
        numberMax: Object.fromEntries(BARTHEL_RULES.itemMaxima),
        score: (_yes, numbers) => scoreBarthel(BARTHEL_RULES.itemMaxima.map(([key]) => numbers[key] ?? 0)),
      };
    case 'puma':
      return {
        questions: PUMA_QUESTIONS.map((k) => t(k)),
        numbers: ['cigarettesPerDay', 'yearsSmoked'],
        score: (yes, numbers, person, today) =>
          scorePuma({
            sex: person.sex,
            ageYears: completedYears(person.birthDate, today),
            cigarettesPerDay: numbers.cigarettesPerDay ?? 0,
            yearsSmoked: numbers.yearsSmoked ?? 0,
            breathlessWalking: yes[0] ?? false,
            phlegm: yes[1] ?? false,
            cough: yes[2] ?? false,
            spirometryOffered: yes[3] ?? false,
          }),
      };
    default:
      return null;
  }
}

/** The questionnaires today's package asks of this visitor, each scored by its versioned rules when saved. */
export function ScreeningForms({
  person,
  today,
  items,
  isDone,
}: {
  person: Person;
  today: string;
  items: readonly PackageItem[];
  isDone: (item: PackageItem) => boolean;
}) {
  const forms = items.filter((item) => item.kind === 'screening' && questionnaireFor(item.code));
  if (forms.length === 0) return null;
  return (
    <section data-testid="screenings">
      {forms.map((item) => (
        <ScreeningForm key={item.code} person={person} today={today} item={item} done={isDone(item)} />
      ))}
    </section>
  );
}

function ScreeningForm({
  person,
  today,
  item,
  done,
}: {
  person: Person;
  today: string;
  item: PackageItem;
  /** Already screened today (an earlier visit to this screen): no second questionnaire. */
  done: boolean;
}) {
  const questionnaire = questionnaireFor(item.code) as Questionnaire;
  const form = useForm<{ yes: boolean[]; numbers: Record<string, string> }>({
    draftKey: `screening-${person.id}-${item.code}-${today}`,
    initial: () => ({ yes: questionnaire.questions.map(() => false), numbers: {} }),
    dirty: (draft) => draft.yes.some(Boolean) || Object.values(draft.numbers).some((v) => v !== ''),
  });
  const { yes, numbers } = form.draft;
  const [result, setResult] = useState<QuestionnaireResult | null>(null);

  if (result) {
    return (
      <section class="card" data-testid={`screening-result-${item.code}`}>
        <strong>{itemLabel(item)}</strong>
        <p class={result.refer ? 'banner bad' : 'banner good'} role="status">
          {screeningResultLabel(result.result)}
          {result.refer ? ` ${t('screeningReferred')}` : ''}
        </p>
      </section>
    );
  }
  if (done) {
    return (
      <p class="card">
        <strong>{itemLabel(item)}</strong> <span class="badge">{t('screenedToday')}</span>
      </p>
    );
  }

  const save = async (event: Event) => {
    event.preventDefault();
    const values = Object.fromEntries(
      (questionnaire.numbers ?? []).map((key) => {
        const value = Number((numbers[key] ?? '0').replace(',', '.')) || 0;
        const max = questionnaire.numberMax?.[key];
        return [key, max === undefined ? value : Math.max(0, Math.min(max, Math.round(value)))];
      }),
    );
    const scored = questionnaire.score(yes, values, person, today);
    const code = screeningFindingCode(scored.instrument, scored.result);
    const advice = code ? SCREENING_RULE.actions[code]?.referral : undefined;
    await form.submit(
      async () => {
        await recordEvent('screenings', {
          personId: person.id,
          date: today,
          instrument: scored.instrument,
          answers: { ...Object.fromEntries(yes.map((answer, i) => [`q${i + 1}`, answer])), ...values },
          score: scored.score,
          result: scored.result,
        });
        if (scored.refer) {
          // The reason names the finding, so the findings card knows this referral is recorded.
          await recordEvent('referrals', {
            personId: person.id,
            date: today,
            urgency: advice?.urgency ?? 'routine',
            reason:
              `${itemLabel(item)}: ${screeningResultLabel(scored.result)} ${code ? referralTag(SCREENING_RULE.id, code) : ''}`.trim(),
            destination: advice?.destination ?? 'puskesmas',
          });
        }
      },
      { then: () => setResult(scored) },
    );
  };

  return (
    <details class="card">
      <summary>
        <strong>{itemLabel(item)}</strong>
      </summary>
      <form onSubmit={(e) => void save(e)} noValidate>
        {(questionnaire.numbers ?? []).map((key) => (
          <TextField
            key={key}
            label={questionnaire.numberLabel ? questionnaire.numberLabel(key) : t(`puma_${key}` as StringKey)}
            name={`${item.code}-${key}`}
            numeric
            value={numbers[key] ?? ''}
            onInput={(v) => form.update({ numbers: { ...numbers, [key]: v } })}
          />
        ))}
        {questionnaire.questions.map((question, i) => (
          <CheckboxField
            key={question}
            label={question}
            checked={yes[i] ?? false}
            onChange={(checked) => form.update({ yes: yes.map((v, j) => (j === i ? checked : v)) })}
          />
        ))}
        <FormBanner banner={form.banner} />
        <SaveButton saving={form.saving} />
      </form>
    </details>
  );
}
