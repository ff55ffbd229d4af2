import { completedMonths, completedYears } from '../dates/calendar.ts';
import { ageInDays, completedMonths as whoCompletedMonths } from '../growth/age.ts';
import { measurementZScores, weightForAgeZ } from '../growth/child-measurement.ts';
import { judgeHeadCircumference } from '../growth/head-circumference.ts';
import { judgeKmsHistory, type KmsMonth, type Weighing } from '../growth/kms-judgement.ts';
import { nutritionStatus } from '../growth/nutrition-status.ts';
import type { GrowthTables } from '../growth/who-tables.ts';
import {
  BLOOD_PRESSURE_TABLE,
  BMI_ASIA_PACIFIC,
  FASTING_GLUCOSE_TABLE,
  classifyAdultBmi,
  classifyBloodPressure,
  classifyFastingGlucose,
  classifyRandomGlucose,
  hasCentralObesity,
  RANDOM_GLUCOSE_TABLE,
  WAIST_TABLE,
  type BmiTable,
} from '../screening/adult-cut-offs.ts';
import { assessKek } from '../schedules/pregnancy.ts';
import type { Judgement, MeasurementRecord, PersonRecords } from './assessment-types.ts';
import type { AssessmentRules, FindingRule } from './finding-rules.ts';
import { inForce, latest, postpartumOn, pregnancyOn } from './person-state.ts';

export interface MeasurementContext {
  readonly rules: AssessmentRules;
  readonly growth?: GrowthTables;
  /** The adult BMI table (default: ASIK CKG Asia-Pacific). */
  readonly bmiTable?: BmiTable;
}

/** The judgement of one category of a rule, with the rule's version and source. */
export function judged(
  rule: FindingRule,
  code: string,
  date: string,
  values: { value?: number; value2?: number } = {},
  actionKey: string = code,
): Judgement {
  const action = rule.actions[actionKey] ?? { level: 'normal' as const };
  return { ruleId: rule.id, version: rule.version, source: rule.source, code, date, ...values, ...action };
}

/** Reads a value to 0.1, as the tape and the form show it, so 11.45 typed as 11.4 never falls the other side. */
const tenth = (value: number) => Math.round(value * 10) / 10;

/** Every measurement rule that applies to the person, each on the newest record carrying its value. */
export function judgeMeasurements(records: PersonRecords, ctx: MeasurementContext): Judgement[] {
  const { person } = records;
  const { rules } = ctx;
  const all = inForce(records.measurements);
  const out: Judgement[] = [];
  const months = (date: string) => completedMonths(person.birthDate, date);
  const years = (date: string) => completedYears(person.birthDate, date);
  const pregnantOn = (date: string) => person.sex === 'female' && pregnancyOn(records.pregnancies, date) !== undefined;

  const muac = latest(all, (m) => m.muacCm !== undefined);
  if (muac?.muacCm !== undefined) {
    const cm = tenth(muac.muacCm);
    const age = months(muac.date);
    const rule = rules.childMuac;
    if (age >= rule.fromMonths && age <= rule.toMonths) {
      const code = cm < rule.severeBelowCm ? 'severe' : cm < rule.moderateBelowCm ? 'moderate' : 'normal';
      out.push(judged(rule, code, muac.date, { value: cm }));
    } else if (years(muac.date) >= rules.elderlyMuac.fromYears) {
      const low = cm < rules.elderlyMuac.lowBelowCm;
      out.push(judged(rules.elderlyMuac, low ? 'low' : 'normal', muac.date, { value: cm }));
    } else if (
      person.sex === 'female' &&
      (pregnantOn(muac.date) || (years(muac.date) >= rules.kekFromYears && years(muac.date) <= rules.kekToYears))
    ) {
      const kek = assessKek(cm);
      out.push(judged(rules.kek, kek.kek ? 'kek' : 'normal', muac.date, { value: cm }));
    }
  }

  const oedema = latest(all, (m) => m.oedema !== undefined);
  if (oedema?.oedema && months(oedema.date) < 60) out.push(judged(rules.childOedema, 'present', oedema.date));

  const bp = latest(all, (m) => m.systolicMmHg !== undefined && m.diastolicMmHg !== undefined);
  if (bp?.systolicMmHg !== undefined && bp.diastolicMmHg !== undefined) {
    const values = { value: bp.systolicMmHg, value2: bp.diastolicMmHg };
    if (pregnantOn(bp.date) || (person.sex === 'female' && postpartumOn(records, bp.date))) {
      const r = rules.pregnancyBp;
      const severe = bp.systolicMmHg >= r.severeSystolicFrom || bp.diastolicMmHg >= r.severeDiastolicFrom;
      const high = bp.systolicMmHg >= r.hypertensionSystolicFrom || bp.diastolicMmHg >= r.hypertensionDiastolicFrom;
      out.push(judged(r, severe ? 'severe' : high ? 'hypertension' : 'normal', bp.date, values));
    } else if (years(bp.date) >= rules.ptmFromYears) {
      const result = classifyBloodPressure(bp.systolicMmHg, bp.diastolicMmHg, BLOOD_PRESSURE_TABLE);
      out.push(judged(rules.adultBp, result.category, bp.date, values));
    }
  }

  const glucose = latest(all, (m) => m.bloodGlucoseMgDl !== undefined);
  if (glucose?.bloodGlucoseMgDl !== undefined) {
    const code = classifyRandomGlucose(glucose.bloodGlucoseMgDl, RANDOM_GLUCOSE_TABLE);
    out.push(judged(rules.glucose, code, glucose.date, { value: glucose.bloodGlucoseMgDl }));
  }

  const fasting = latest(all, (m) => m.fastingGlucoseMgDl !== undefined);
  if (fasting?.fastingGlucoseMgDl !== undefined) {
    const code = classifyFastingGlucose(fasting.fastingGlucoseMgDl, FASTING_GLUCOSE_TABLE);
    out.push(judged(rules.fastingGlucose, code, fasting.date, { value: fasting.fastingGlucoseMgDl }));
  }

  const weighed = latest(all, (m) => m.weightKg !== undefined);
  if (weighed?.weightKg !== undefined && years(weighed.date) >= rules.adultBmiFromYears && !pregnantOn(weighed.date)) {
    const height = weighed.lengthHeightCm ?? latest(all, (m) => m.lengthHeightCm !== undefined)?.lengthHeightCm;
    if (height !== undefined) {
      const bmi = classifyAdultBmi(weighed.weightKg, height, ctx.bmiTable ?? BMI_ASIA_PACIFIC);
      out.push(judged(rules.bmi, bmi.category, weighed.date, { value: bmi.bmi }));
    }
  }

  const waist = latest(all, (m) => m.waistCm !== undefined);
  if (waist?.waistCm !== undefined && years(waist.date) >= WAIST_TABLE.fromYears && !pregnantOn(waist.date)) {
    const code = hasCentralObesity(waist.waistCm, person.sex, WAIST_TABLE) ? 'central_obesity' : 'normal';
    out.push(judged(rules.waist, code, waist.date, { value: tenth(waist.waistCm) }));
  }

  // Judged only when the hcfa table is installed; without it the measurement is kept and nothing is said.
  const head = latest(all, (m) => m.headCircumferenceCm !== undefined);
  if (head?.headCircumferenceCm !== undefined) {
    const cm = tenth(head.headCircumferenceCm);
    const result = judgeHeadCircumference(
      { sex: person.sex, birthDate: person.birthDate, date: head.date, cm },
      ctx.growth,
    );
    if (result) out.push(judged(rules.headCircumference, result.code, head.date, { value: result.z }));
  }

  out.push(...judgeChildGrowth(records, all, ctx));
  return out;
}

/** KMS N/T (weights alone; BGM needs the WHO tables) and the Permenkes categories (WHO tables). */
function judgeChildGrowth(
  records: PersonRecords,
  all: readonly MeasurementRecord[],
  ctx: MeasurementContext,
): Judgement[] {
  const { person } = records;
  const out: Judgement[] = [];
  const { growth, rules } = ctx;
  const latestAny = latest(all, (m) => m.weightKg !== undefined || m.lengthHeightCm !== undefined);
  if (!latestAny || completedYears(person.birthDate, latestAny.date) >= 19) return out;

  if (completedMonths(person.birthDate, latestAny.date) < 60) {
    const weighed = all.filter((m): m is MeasurementRecord & { weightKg: number } => m.weightKg !== undefined);
    // Only the newest month is judged here, and its red line reads only its own weighing's z-score: the one
    // judgeKmsHistory keeps for that month (the latest date, the later record of a tie). Computing the z-score of
    // every weighing of a three-year history was most of the server's cost with the WHO tables.
    const judgedOne = growth ? newestWeighing(weighed) : undefined;
    const weighings: Weighing[] = weighed.map((m) => {
      const z =
        growth && m === judgedOne
          ? weightForAgeZ(measurementZScores(person.sex, person.birthDate, m, growth))
          : undefined;
      return { date: m.date, weightKg: m.weightKg, ...(z !== undefined ? { weightForAgeZ: z } : {}) };
    });
    const month = judgeKmsHistory(person.birthDate, weighings).at(-1);
    const status = kmsStatus(month);
    if (month && status) {
      out.push(judged(rules.kms, status, month.date, month.gainGrams !== undefined ? { value: month.gainGrams } : {}));
    }
  }

  if (!growth) return out;
  const scores = measurementZScores(person.sex, person.birthDate, latestAny, growth);
  const ageMonths = whoCompletedMonths(ageInDays(person.birthDate, latestAny.date));
  for (const status of nutritionStatus(scores, ageMonths)) {
    const key = `${status.index}:${status.category.key}`;
    const j = judged(rules.growth, key, latestAny.date, { value: status.z });
    if (status.flagged && j.level !== 'normal') {
      // WHO flags an implausible z-score: re-measure before anyone is referred on it.
      const { referral: _referral, homeVisit: _homeVisit, ...rest } = j;
      out.push({ ...rest, level: 'attention' });
    } else out.push(j);
  }
  return out;
}

/** The weighing judgeKmsHistory keeps for the newest month: sorted by date (stable), the last one. */
function newestWeighing<T extends { readonly date: string }>(weighings: readonly T[]): T | undefined {
  let newest: T | undefined;
  for (const w of weighings) if (!newest || w.date.localeCompare(newest.date) >= 0) newest = w;
  return newest;
}

/** 2T and BGM mark the month on top of its code, as the posyandu register does. */
export function kmsStatus(month: KmsMonth | undefined): 'N' | 'T' | 'O' | 'B' | '2T' | 'BGM' | undefined {
  if (!month) return undefined;
  if (month.belowRedLine) return 'BGM';
  if (month.twoT) return '2T';
  return month.code;
}
