import { judgeKmsHistory, type Weighing } from '../growth/kms-judgement.ts';
import { KBM_KMS_2010, type KbmTable } from '../growth/kbm-table.ts';
import {
  ageMonthsAtStart,
  inMonth,
  livesInAreaDuring,
  type ReportInput,
  type ReportMonth,
  type ReportPerson,
} from './report-input.ts';

/**
 * SKDN, the balita weighing figures of the posyandu's monthly report (balok SKDN), with T, 2T, BGM, O and B.
 * Source: ilp-kader-reference §3.2-3.3 (Kemenkes nutrition surveillance; Standar Pemantauan Pertumbuhan Balita
 * 2006; D/S target >= 80%); N/T against the KBM of the KMS (src/domain/growth/kbm-table.ts). D = N + T + O + B.
 */
export const SKDN_VERSION = 'skdn-kms-2010/r2';

export const AGE_BANDS = ['0-5', '6-11', '12-23', '24-59'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const SKDN_FIGURES = ['S', 'K', 'D', 'N', 'T', 'O', 'B', '2T', 'BGM'] as const;
export type SkdnFigure = (typeof SKDN_FIGURES)[number];

function ageBand(months: number): AgeBand | null {
  if (months < 0 || months > 59) return null;
  if (months <= 5) return '0-5';
  if (months <= 11) return '6-11';
  if (months <= 23) return '12-23';
  return '24-59';
}

type Counts = Record<SkdnFigure, number>;
const zero = (): Counts => ({ S: 0, K: 0, D: 0, N: 0, T: 0, O: 0, B: 0, '2T': 0, BGM: 0 });

export interface SkdnResult {
  readonly version: string;
  readonly total: Counts;
  readonly bySexAndBand: Record<'male' | 'female', Record<AgeBand, Counts>>;
  /** Weighed children whose BGM could not be judged (no weight-for-age z-score: WHO tables missing, oedema). */
  readonly bgmUnknown: number;
  readonly ratios: { KS: number | null; DS: number | null; ND: number | null; NS: number | null; DK: number | null };
}

export interface SkdnOptions {
  readonly kbm?: KbmTable;
  /** The weight-for-age z-score of a weighing, for BGM; without it BGM is counted as unknown. */
  readonly weightForAgeZ?: (person: ReportPerson, weighing: { date: string; weightKg: number }) => number | undefined;
}

/**
 * K: the kader's last answer about the paper KMS / Buku KIA is "yes", noted by the month's last day. A child never
 * asked, or whose "yes" was only noted after the month, is not counted: K counts what was known that month.
 */
function ownsKiaBookBy(person: ReportPerson, month: ReportMonth): boolean {
  return person.kiaBook?.owned === true && person.kiaBook.notedOn <= month.last;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function skdn(input: ReportInput, month: ReportMonth, options: SkdnOptions = {}): SkdnResult {
  const weighingsOf = new Map<string, Weighing[]>();
  for (const m of input.measurements) {
    if (m.weightKg === undefined || m.date > month.last) continue;
    const list = weighingsOf.get(m.personId) ?? [];
    list.push({ date: m.date, weightKg: m.weightKg, oedema: m.oedema });
    weighingsOf.set(m.personId, list);
  }
  const bySexAndBand = {
    male: Object.fromEntries(AGE_BANDS.map((b) => [b, zero()])) as Record<AgeBand, Counts>,
    female: Object.fromEntries(AGE_BANDS.map((b) => [b, zero()])) as Record<AgeBand, Counts>,
  };
  const total = zero();
  let bgmUnknown = 0;
  const add = (counts: Counts[], figure: SkdnFigure) => counts.forEach((c) => (c[figure] += 1));

  for (const person of input.persons) {
    if (!livesInAreaDuring(person, month)) continue;
    const band = ageBand(ageMonthsAtStart(person, month));
    if (!band) continue;
    const cells = [total, bySexAndBand[person.sex][band]];
    add(cells, 'S');
    if (ownsKiaBookBy(person, month)) add(cells, 'K');
    // Only this month's judgement is reported, so only this month's weighings need a z-score (for BGM): three
    // years of history each cost a z-score otherwise, most of the time of a puskesmas's report.
    const weighings = (weighingsOf.get(person.id) ?? []).map((w) => ({
      ...w,
      weightForAgeZ: w.oedema || !inMonth(w.date, month) ? undefined : options.weightForAgeZ?.(person, w),
    }));
    const thisMonth = judgeKmsHistory(person.birthDate, weighings, options.kbm ?? KBM_KMS_2010).find((j) =>
      inMonth(j.date, month),
    );
    if (!thisMonth) continue;
    add(cells, 'D');
    if (thisMonth.code) add(cells, thisMonth.code);
    if (thisMonth.twoT) add(cells, '2T');
    if (thisMonth.belowRedLine === true) add(cells, 'BGM');
    if (thisMonth.belowRedLine === undefined) bgmUnknown += 1;
  }
  return {
    version: SKDN_VERSION,
    total,
    bySexAndBand,
    bgmUnknown,
    ratios: {
      KS: ratio(total.K, total.S),
      DS: ratio(total.D, total.S),
      ND: ratio(total.N, total.D),
      NS: ratio(total.N, total.S),
      DK: ratio(total.D, total.K),
    },
  };
}
