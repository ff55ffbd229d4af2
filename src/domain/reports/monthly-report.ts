import {
  classifyAdultBmi,
  classifyBloodPressure,
  classifyFastingGlucose,
  classifyRandomGlucose,
} from '../screening/adult-cut-offs.ts';
import {
  ageYearsAtStart,
  inMonth,
  livesInAreaDuring,
  reportMonth,
  type ReportInput,
  type ReportPerson,
} from './report-input.ts';
import { skdn, type SkdnOptions, type SkdnResult } from './skdn.ts';

/**
 * The monthly posyandu report: every figure is defined once here, with what counts and where the definition comes
 * from (docs/reports.md lists them for people). The same function serves a posyandu, a desa or a whole
 * puskesmas: it only counts the records it is given.
 */
export const MONTHLY_REPORT_VERSION = 'ilp-monthly/r1';

export interface FigureDefinition {
  readonly id: string;
  readonly definition: string;
  readonly source: string;
}

const ILP = 'ilp-kader-reference §3.3 and §6.1 (SIP formats, monthly posyandu report)';
const PTM = 'ilp-kader-reference §2.1-2.3 (CKG/Posbindu cut-offs in src/domain/screening/adult-cut-offs.ts)';

export const MONTHLY_FIGURES: readonly FigureDefinition[] = [
  {
    id: 'vitamin_a_blue',
    definition: 'Blue capsules (100,000 IU) given in the month',
    source: 'ilp-kader-reference §4.4',
  },
  {
    id: 'vitamin_a_red',
    definition: 'Red capsules (200,000 IU) given in the month, children and new mothers',
    source: 'ilp-kader-reference §4.4',
  },
  { id: 'iron_persons', definition: 'People given iron tablets (TTD) in the month', source: ILP },
  { id: 'iron_tablets', definition: 'Iron tablets given in the month (quantity, 1 when not recorded)', source: ILP },
  { id: 'births', definition: 'Babies born in the month among the registered people', source: 'SIP format F1' },
  {
    id: 'ptm_screened',
    definition:
      'People 15 years and over whose blood pressure, glucose or weight and height were measured in the month',
    source: PTM,
  },
  {
    id: 'ptm_hypertension',
    definition: 'Of those, a blood pressure at or above the referral cut-off (140/90)',
    source: PTM,
  },
  {
    id: 'ptm_diabetes',
    definition: 'Of those, a random glucose classed suspected diabetes or a fasting glucose classed diabetes',
    source: PTM,
  },
  { id: 'ptm_obesity', definition: 'Of those, a BMI in an obesity category (Asia-Pacific table)', source: PTM },
  { id: 'tb_screened', definition: 'People screened for TB symptoms in the month', source: 'ilp-kader-reference §2.5' },
  { id: 'tb_presumptive', definition: 'Of those, presumptive TB', source: 'ilp-kader-reference §2.5' },
  { id: 'mental_screened', definition: 'People screened with SRQ-20 in the month', source: 'ilp-kader-reference §2.6' },
  { id: 'mental_refer', definition: 'Of those, referred (score or item 17)', source: 'ilp-kader-reference §2.6' },
  {
    id: 'elderly_served',
    definition: 'People 60 years and over with a visit, measurement or screening in the month',
    source: ILP,
  },
  { id: 'referrals_made', definition: 'Referrals written in the month (not their results)', source: ILP },
  { id: 'referrals_with_outcome', definition: 'Referral results recorded in the month', source: ILP },
  { id: 'home_visits', definition: 'Home visits made in the month', source: ILP },
];

export interface MonthlyReport {
  readonly version: string;
  readonly month: string;
  readonly skdn: SkdnResult;
  readonly figures: Readonly<Record<string, number>>;
  /** Doses given at the posyandu by vaccine code (not those copied from the Buku KIA). */
  readonly immunizationsByVaccine: Readonly<Record<string, number>>;
  /** K1..K6, KF1..KF4, KN1..KN3 contacts recorded in the month. */
  readonly contacts: Readonly<Record<string, number>>;
  /** Elderly by their latest Barthel result in the month. */
  readonly elderlyDependence: Readonly<Record<string, number>>;
  readonly referralOutcomes: Readonly<Record<string, number>>;
}

const bump = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

export function monthlyReport(input: ReportInput, month: string, options: SkdnOptions = {}): MonthlyReport {
  const m = reportMonth(month);
  const people = new Map<string, ReportPerson>(
    input.persons.filter((p) => livesInAreaDuring(p, m)).map((p) => [p.id, p]),
  );
  const ageOf = (personId: string) => {
    const person = people.get(personId);
    return person ? ageYearsAtStart(person, m) : null;
  };
  const during = <T extends { date: string; personId: string }>(rows: readonly T[]) =>
    rows.filter((row) => inMonth(row.date, m) && people.has(row.personId));

  const figures: Record<string, number> = Object.fromEntries(MONTHLY_FIGURES.map((f) => [f.id, 0]));
  const immunizationsByVaccine: Record<string, number> = {};
  const contacts: Record<string, number> = {};
  const elderlyDependence: Record<string, number> = {};
  const referralOutcomes: Record<string, number> = {};

  const ironPersons = new Set<string>();
  for (const s of during(input.services)) {
    if (s.service === 'vitamin_a_blue') bump(figures, 'vitamin_a_blue', s.quantity ?? 1);
    if (s.service === 'vitamin_a_red') bump(figures, 'vitamin_a_red', s.quantity ?? 1);
    if (s.service === 'ttd') {
      ironPersons.add(s.personId);
      bump(figures, 'iron_tablets', s.quantity ?? 1);
    }
  }
  figures.iron_persons = ironPersons.size;
  for (const i of during(input.immunizations)) if (!i.givenElsewhere) bump(immunizationsByVaccine, i.vaccine);
  for (const v of during(input.visits)) {
    if (v.kind === 'home') bump(figures, 'home_visits');
    if ((v.kind === 'antenatal' || v.kind === 'postpartum' || v.kind === 'neonatal') && v.contactCode) {
      bump(contacts, v.contactCode);
    }
  }
  figures.births = input.persons.filter((p) => inMonth(p.birthDate, m)).length;

  const screened = new Set<string>();
  const hypertension = new Set<string>();
  const diabetes = new Set<string>();
  const obesity = new Set<string>();
  const elderly = new Set<string>();
  for (const x of during(input.measurements)) {
    const age = ageOf(x.personId) ?? 0;
    if (age >= 60) elderly.add(x.personId);
    if (age < 15) continue;
    if (x.systolicMmHg !== undefined && x.diastolicMmHg !== undefined) {
      screened.add(x.personId);
      if (classifyBloodPressure(x.systolicMmHg, x.diastolicMmHg).refer) hypertension.add(x.personId);
    }
    if (x.bloodGlucoseMgDl !== undefined) {
      screened.add(x.personId);
      if (classifyRandomGlucose(x.bloodGlucoseMgDl) === 'suspected_diabetes') diabetes.add(x.personId);
    }
    if (x.fastingGlucoseMgDl !== undefined) {
      screened.add(x.personId);
      if (classifyFastingGlucose(x.fastingGlucoseMgDl) === 'diabetes') diabetes.add(x.personId);
    }
    if (x.weightKg !== undefined && x.lengthHeightCm !== undefined) {
      screened.add(x.personId);
      if (classifyAdultBmi(x.weightKg, x.lengthHeightCm).category.startsWith('obese')) obesity.add(x.personId);
    }
  }
  figures.ptm_screened = screened.size;
  figures.ptm_hypertension = hypertension.size;
  figures.ptm_diabetes = diabetes.size;
  figures.ptm_obesity = obesity.size;

  const tb = new Set<string>();
  const tbPresumptive = new Set<string>();
  const srq = new Set<string>();
  const srqRefer = new Set<string>();
  const barthel = new Map<string, { date: string; result: string }>();
  for (const s of during(input.screenings)) {
    if ((ageOf(s.personId) ?? 0) >= 60) elderly.add(s.personId);
    if (s.instrument.startsWith('tb_symptoms')) {
      tb.add(s.personId);
      if (s.result === 'presumptive_tb') tbPresumptive.add(s.personId);
    }
    if (s.instrument === 'srq20') {
      srq.add(s.personId);
      if (s.result && s.result !== 'negative') srqRefer.add(s.personId);
    }
    if (s.instrument === 'adl_barthel' && s.result) {
      const before = barthel.get(s.personId);
      if (!before || before.date <= s.date) barthel.set(s.personId, { date: s.date, result: s.result });
    }
  }
  figures.tb_screened = tb.size;
  figures.tb_presumptive = tbPresumptive.size;
  figures.mental_screened = srq.size;
  figures.mental_refer = srqRefer.size;
  for (const v of during(input.visits)) if ((ageOf(v.personId) ?? 0) >= 60) elderly.add(v.personId);
  figures.elderly_served = elderly.size;
  for (const { result } of barthel.values()) bump(elderlyDependence, result);

  for (const r of during(input.referrals)) {
    if (r.resultFor) {
      bump(figures, 'referrals_with_outcome');
      bump(referralOutcomes, r.result ?? 'unknown');
    } else bump(figures, 'referrals_made');
  }

  return {
    version: MONTHLY_REPORT_VERSION,
    month,
    skdn: skdn(input, m, options),
    figures,
    immunizationsByVaccine,
    contacts,
    elderlyDependence,
    referralOutcomes,
  };
}
