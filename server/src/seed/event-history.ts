import type { RecordOf } from '../../../protocol/index.ts';
import { lengthCmAt, weightKgAt } from './growth.ts';
import type { Prng } from './prng.ts';
import { addMonths, dateOf, DAY_MS, monthsBetween, type GeneratedPosyandu, type MetaAt } from './seed-calendar.ts';

/** Posyandu day: the 12th of each month. */
const POSYANDU_DAY = 12;

const INFANT_DOSES: [code: string, ageMonths: number][] = [
  ['hb0', 0],
  ['bcg', 1],
  ['opv_1', 1],
  ['dpt_hb_hib_1', 2],
  ['pcv_1', 2],
  ['rv_1', 2],
  ['opv_2', 2],
  ['dpt_hb_hib_2', 3],
  ['pcv_2', 3],
  ['rv_2', 3],
  ['opv_3', 3],
  ['dpt_hb_hib_3', 4],
  ['rv_3', 4],
  ['opv_4', 4],
  ['ipv_1', 4],
  ['mr_1', 9],
  ['ipv_2', 9],
  ['pcv_3', 12],
  ['dpt_hb_hib_4', 18],
  ['mr_2', 18],
];

/** Monthly weighings for up to three years (some months missed), immunisations on schedule, vitamin A rounds. */
export function addChildHistory(
  prng: Prng,
  out: GeneratedPosyandu,
  child: RecordOf<'persons'>,
  asOf: string,
  metaAt: MetaAt,
  momentOf: (date: string) => number,
): void {
  const sex = child.sex;
  let zWeight = prng.normal() * 0.9 - 0.4;
  const zLength = prng.normal() * 0.9 - 0.6;
  const firstMonth = Math.max(0, Math.ceil(monthsBetween(child.birthDate, asOf)) - 36);
  for (let offset = -36; offset <= 0; offset++) {
    const date = addMonths(asOf, offset, POSYANDU_DAY);
    if (date <= child.birthDate || date > asOf) continue;
    const ageMonths = monthsBetween(child.birthDate, date);
    if (ageMonths < firstMonth - 1 || prng.chance(0.12)) continue;
    zWeight = Math.max(-3.5, Math.min(2.5, zWeight + prng.normal() * 0.15));
    out.measurements.push({
      ...metaAt(momentOf(date)),
      personId: child.id,
      date,
      weightKg: weightKgAt(sex, ageMonths, zWeight),
      lengthHeightCm: lengthCmAt(sex, ageMonths, zLength + prng.normal() * 0.1),
      position: ageMonths < 24 ? 'lying' : 'standing',
      ...(ageMonths >= 6 && prng.chance(0.3) ? { muacCm: Math.round((13.5 + prng.normal() * 0.8) * 10) / 10 } : {}),
    });
    const month = Number(date.slice(5, 7));
    if ((month === 2 || month === 8) && ageMonths >= 6 && prng.chance(0.9)) {
      out.services.push({
        ...metaAt(momentOf(date)),
        personId: child.id,
        date,
        service: ageMonths < 12 ? 'vitamin_a_blue' : 'vitamin_a_red',
        quantity: 1,
      });
    }
  }
  for (const [vaccine, ageMonths] of INFANT_DOSES) {
    const due = ageMonths === 0 ? child.birthDate : addMonths(child.birthDate, ageMonths);
    if (due > asOf || prng.chance(0.08)) continue;
    const date = ageMonths === 0 ? due : dateOf(Date.parse(due) + prng.int(0, 20) * DAY_MS);
    if (date > asOf) continue;
    out.immunizations.push({
      ...metaAt(momentOf(date)),
      personId: child.id,
      date,
      vaccine,
      ...(ageMonths === 0 ? { givenElsewhere: true } : {}),
    });
  }
}

/** Ongoing pregnancies among younger mothers, each with its antenatal contacts and the mother's measurements. */
export function addPregnancies(
  prng: Prng,
  out: GeneratedPosyandu,
  mothers: { mother: RecordOf<'persons'>; children: number }[],
  asOf: string,
  metaAt: MetaAt,
  momentOf: (date: string) => number,
): void {
  const candidates = mothers.filter((m) => monthsBetween(m.mother.birthDate, asOf) < 38 * 12);
  const count = Math.min(candidates.length, Math.max(1, Math.round(mothers.length * 0.1)));
  const stride = Math.max(1, Math.floor(candidates.length / count));
  for (let i = 0; i < count; i++) {
    const { mother, children } = candidates[i * stride] as (typeof candidates)[number];
    const lmp = dateOf(Date.parse(asOf) - prng.int(30, 250) * DAY_MS);
    const pregnancy: RecordOf<'pregnancies'> = {
      ...metaAt(momentOf(dateOf(Date.parse(lmp) + 56 * DAY_MS))),
      personId: mother.id,
      lastMenstrualPeriod: lmp,
      estimatedDueDate: dateOf(Date.parse(lmp) + 280 * DAY_MS),
      gravida: children + 2,
      para: children + 1,
      abortus: 0,
      outcome: 'ongoing',
    };
    out.pregnancies.push(pregnancy);
    let contact = 0;
    for (let week = 10; week * 7 < monthsBetween(lmp, asOf) * 30.4; week += prng.int(4, 8)) {
      const date = dateOf(Date.parse(lmp) + week * 7 * DAY_MS);
      contact++;
      out.visits.push({
        ...metaAt(momentOf(date)),
        personId: mother.id,
        date,
        kind: 'antenatal',
        contactCode: `K${Math.min(contact, 6)}`,
        pregnancyId: pregnancy.id,
      });
      out.measurements.push({
        ...metaAt(momentOf(date)),
        personId: mother.id,
        date,
        weightKg: Math.round((52 + week * 0.3 + prng.normal() * 6) * 10) / 10,
        muacCm: Math.round((25 + prng.normal() * 1.8) * 10) / 10,
        systolicMmHg: Math.round(112 + prng.normal() * 10),
        diastolicMmHg: Math.round(73 + prng.normal() * 7),
      });
    }
  }
}

/** PTM screening of adults (15+) within the past year: risk questions, blood pressure, glucose from 40. */
export function addScreenings(
  prng: Prng,
  out: GeneratedPosyandu,
  adults: RecordOf<'persons'>[],
  asOf: string,
  metaAt: MetaAt,
  momentOf: (date: string) => number,
): void {
  for (const adult of adults) {
    if (!prng.chance(0.55)) continue;
    const date = addMonths(asOf, -prng.int(0, 11), POSYANDU_DAY);
    if (date > asOf) continue;
    const ageYears = monthsBetween(adult.birthDate, date) / 12;
    const systolic = Math.round(118 + (ageYears - 30) * 0.6 + prng.normal() * 14);
    const diastolic = Math.round(76 + (ageYears - 30) * 0.2 + prng.normal() * 9);
    const glucose = ageYears >= 40 ? Math.round(105 + Math.abs(prng.normal()) * 35) : undefined;
    const smoker = adult.sex === 'male' ? prng.chance(0.6) : prng.chance(0.03);
    const risk = systolic >= 140 || diastolic >= 90 || (glucose ?? 0) >= 200 || smoker;
    out.measurements.push({
      ...metaAt(momentOf(date)),
      personId: adult.id,
      date,
      weightKg: Math.round((adult.sex === 'male' ? 60 : 54) + prng.normal() * 9),
      lengthHeightCm: Math.round(((adult.sex === 'male' ? 163 : 151) + prng.normal() * 6) * 10) / 10,
      waistCm: Math.round((adult.sex === 'male' ? 82 : 80) + prng.normal() * 9),
      systolicMmHg: Math.min(260, Math.max(80, systolic)),
      diastolicMmHg: Math.min(160, Math.max(45, diastolic)),
      ...(glucose !== undefined ? { bloodGlucoseMgDl: glucose } : {}),
    });
    out.screenings.push({
      ...metaAt(momentOf(date)),
      personId: adult.id,
      date,
      instrument: 'ptm',
      answers: { smoking: smoker, fruitVegetablesDaily: prng.chance(0.4), physicalActivity: prng.chance(0.5) },
      result: risk ? 'risk' : 'normal',
    });
    if (systolic >= 160 && prng.chance(0.7)) {
      out.referrals.push({
        ...metaAt(momentOf(date)),
        personId: adult.id,
        date,
        reason: `Tekanan darah ${systolic}/${diastolic} mmHg`,
        urgency: 'routine',
        destination: 'puskesmas',
      });
    }
  }
}
