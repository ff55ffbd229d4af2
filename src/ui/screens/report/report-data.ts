import type { GrowthTables } from '../../../domain/growth/index.ts';
import {
  growthReportOptions,
  monthlyReport,
  reportInputFrom,
  type MonthlyReport,
} from '../../../domain/reports/index.ts';
import type { PosyanduSnapshot } from '../day/posyandu-snapshot.ts';

/**
 * The kader's own posyandu report for a month, from the records on her phone (offline): the same pure report, from
 * the same input rule (reportInputFrom), the puskesmas computes. BGM needs WHO's tables; without them the screen
 * says BGM is unknown.
 */
export function kaderReport(
  snapshot: PosyanduSnapshot,
  month: string,
  growth: GrowthTables | undefined,
): MonthlyReport {
  const input = reportInputFrom({ ...snapshot.flat, persons: snapshot.people, referrals: snapshot.referrals });
  return monthlyReport(input, month, growthReportOptions(growth));
}

/** 'YYYY-MM' of a local date. */
export function monthOfDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
