import { MONTHLY_FIGURES, type MonthlyReport } from './monthly-report.ts';
import { AGE_BANDS, SKDN_FIGURES, type SkdnResult } from './skdn.ts';

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

/**
 * A desa's or a puskesmas's report as the sum of its posyandu's reports of the same month. Every figure counts
 * records or people of one posyandu, and no person belongs to two posyandu (the server refuses a record another
 * posyandu owns), so the sum equals the report over all their records together (test/domain/reports); only the
 * ratios are computed again from the summed counts.
 */
export function sumReports(month: string, reports: readonly MonthlyReport[], version: string): MonthlyReport {
  const zero = () =>
    Object.fromEntries(SKDN_FIGURES.map((f) => [f, 0])) as Record<(typeof SKDN_FIGURES)[number], number>;
  const total = zero();
  const bySexAndBand = {
    male: Object.fromEntries(AGE_BANDS.map((b) => [b, zero()])),
    female: Object.fromEntries(AGE_BANDS.map((b) => [b, zero()])),
  } as SkdnResult['bySexAndBand'];
  let bgmUnknown = 0;
  const figures: Record<string, number> = Object.fromEntries(MONTHLY_FIGURES.map((f) => [f.id, 0]));
  const immunizationsByVaccine: Record<string, number> = {};
  const contacts: Record<string, number> = {};
  const elderlyDependence: Record<string, number> = {};
  const referralOutcomes: Record<string, number> = {};
  for (const r of reports) {
    addCounts(total, r.skdn.total);
    for (const sex of ['male', 'female'] as const) {
      for (const band of AGE_BANDS) addCounts(bySexAndBand[sex][band], r.skdn.bySexAndBand[sex][band]);
    }
    bgmUnknown += r.skdn.bgmUnknown;
    addCounts(figures, r.figures);
    addCounts(immunizationsByVaccine, r.immunizationsByVaccine);
    addCounts(contacts, r.contacts);
    addCounts(elderlyDependence, r.elderlyDependence);
    addCounts(referralOutcomes, r.referralOutcomes);
  }
  return {
    version,
    month,
    skdn: {
      version: reports[0]?.skdn.version ?? '',
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
    },
    figures,
    immunizationsByVaccine,
    contacts,
    elderlyDependence,
    referralOutcomes,
  };
}
