import { z } from 'zod';
import type { GrowthTables } from '../../../../src/domain/growth/index.ts';
import {
  MONTHLY_REPORT_VERSION,
  growthReportOptions,
  monthlyReport,
  reportInputFrom,
  sumReports,
  type MonthlyReport,
} from '../../../../src/domain/reports/index.ts';
import type { PosyanduSummary } from '../../db/staff-store.ts';
import type { Store } from '../../db/store.ts';
import { growthTablesFrom } from '../growth-tables-file.ts';
import { rulesVersion } from '../rules-version.ts';
import { audit } from '../staff-audit.ts';
import { auditActor } from '../staff-posyandus.ts';
import { StaffAccessError, canSee, visiblePosyandu } from '../staff-scope.ts';
import type { StaffActor } from '../staff-sessions.ts';
import { readPosyanduRecords } from './posyandu-records.ts';

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'bulan harus YYYY-MM, mis. 2026-03' });

/** Which report: one posyandu, one desa (by name, as staff typed it for the posyandu), or the whole puskesmas. */
export const ReportQuerySchema = z
  .object({
    month: MonthSchema,
    posyandu: z.string().min(1).max(100).optional(),
    desa: z.string().trim().min(1).max(100).optional(),
  })
  .refine((q) => !(q.posyandu && q.desa), { error: 'pilih posyandu atau desa, bukan keduanya' });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export interface ReportScope {
  kind: 'posyandu' | 'desa' | 'puskesmas';
  /** The posyandu's name, the desa's name, or empty for the puskesmas. */
  label: string;
  posyandus: { id: string; name: string; desa: string | null }[];
}

export interface StaffReport {
  scope: ReportScope;
  month: string;
  /** False when WHO's tables are missing on the server: BGM is then reported as unknown. */
  growthTables: boolean;
  report: MonthlyReport;
}

const brief = (p: Pick<PosyanduSummary, 'id' | 'name' | 'desa'>) => ({ id: p.id, name: p.name, desa: p.desa });

/**
 * The posyandu a report covers, when this staff member may see them. A desa's or the puskesmas's report adds up
 * every posyandu in it, so it is given only to an account that sees every one of them (a partial sum under the
 * desa's name would be a wrong figure, not a smaller one).
 */
export async function resolveScope(store: Store, actor: StaffActor, query: ReportQuery): Promise<ReportScope> {
  if (query.posyandu) {
    const row = await visiblePosyandu(store, actor, query.posyandu, false);
    return {
      kind: 'posyandu',
      label: row.name,
      posyandus: [{ id: row.id, name: row.name, desa: row.area?.desa ?? null }],
    };
  }
  const all = await store.listPosyanduSummaries(actor.staff.puskesmasId);
  const inScope = query.desa ? all.filter((p) => p.desa === query.desa) : all;
  if (query.desa && inScope.length === 0) throw new StaffAccessError('not-found', 'Desa tidak ditemukan.');
  if (!inScope.every((p) => canSee(actor, p))) {
    throw new StaffAccessError('forbidden', 'Laporan gabungan hanya untuk akun yang melihat semua posyandunya.');
  }
  return { kind: query.desa ? 'desa' : 'puskesmas', label: query.desa ?? '', posyandus: inScope.map(brief) };
}

/**
 * Each posyandu's report of a month, kept in memory and in the database (month_reports, migration 0008) until a
 * record of that posyandu arrives: a past month's report is asked for again and again (the puskesmas's, then each
 * desa's, each printout and download), and reading three years of a posyandu's records is most of its cost
 * (docs/benchmarks.md), so a restarted server sums the stored ones. A stored report is the one computed from the
 * records up to the posyandu's seq (posyandus.last_seq, read before the records: a push landing meanwhile only
 * makes the report look older than it is), by the same rules (their source's hash) and tables.
 */
const reportCache = new WeakMap<Store, Map<string, { seq: number; report: MonthlyReport }>>();
const CACHE_LIMIT = 5000;

async function posyanduReports(
  store: Store,
  puskesmasId: string,
  posyanduIds: readonly string[],
  month: string,
  growth: GrowthTables | undefined,
): Promise<MonthlyReport[]> {
  let cache = reportCache.get(store);
  if (!cache) reportCache.set(store, (cache = new Map()));
  const version = `${MONTHLY_REPORT_VERSION}@${rulesVersion()}`;
  const withTables = growth !== undefined;
  const keyOf = (id: string) => `${id}@${month}@${withTables ? 'z' : '-'}`;
  const seqs = await store.listPosyanduSeqs(puskesmasId);
  const isCurrent = (id: string, seq: number | undefined) => seq !== undefined && seq === (seqs.get(id) ?? 0);
  const missing = posyanduIds.filter((id) => !isCurrent(id, cache.get(keyOf(id))?.seq));
  if (missing.length > 0) {
    for (const row of await store.listMonthReports(missing, month, version, withTables)) {
      if (isCurrent(row.posyanduId, row.seq)) {
        remember(cache, keyOf(row.posyanduId), { seq: row.seq, report: JSON.parse(row.reportJson) as MonthlyReport });
      }
    }
  }
  // One posyandu at a time: 30 at once asked PostgreSQL's pool (10 connections, 5 s wait) for 270 queries and
  // timed out, and would starve the phones' sync meanwhile; SQLite runs them one by one anyway.
  const reports: MonthlyReport[] = [];
  for (const id of posyanduIds) {
    const known = cache.get(keyOf(id));
    if (known && isCurrent(id, known.seq)) {
      reports.push(known.report);
      continue;
    }
    const seq = seqs.get(id) ?? 0;
    const records = await readPosyanduRecords(store, id);
    const report = monthlyReport(reportInputFrom(records), month, growthReportOptions(growth));
    const reportJson = JSON.stringify(report);
    await store.saveMonthReport({
      posyanduId: id,
      month,
      rulesVersion: version,
      withTables,
      seq,
      reportJson,
      computedAt: new Date().toISOString(),
    });
    remember(cache, keyOf(id), { seq, report });
    reports.push(report);
  }
  return reports;
}

function remember(
  cache: Map<string, { seq: number; report: MonthlyReport }>,
  key: string,
  value: { seq: number; report: MonthlyReport },
) {
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, value);
}

/** The monthly report served to staff: the phone's own pure report over the scope's records. Reading it is audited. */
export async function reportForStaff(
  store: Store,
  actor: StaffActor,
  query: ReportQuery,
  growthTablesFile: string,
  address: string,
  now: Date,
): Promise<StaffReport> {
  const scope = await resolveScope(store, actor, query);
  const tables = await growthTablesFrom(growthTablesFile);
  const growth = tables.ok ? tables.tables : undefined;
  const ids = scope.posyandus.map((p) => p.id);
  const parts = await posyanduReports(store, actor.staff.puskesmasId, ids, query.month, growth);
  // One posyandu's report is its own; a desa's or the puskesmas's is the sum of theirs (src/domain/reports).
  const report =
    scope.kind === 'posyandu' && parts[0] ? parts[0] : sumReports(query.month, parts, MONTHLY_REPORT_VERSION);
  const target = scope.kind === 'posyandu' ? `posyandu:${scope.posyandus[0]?.id}` : `${scope.kind}:${scope.label}`;
  await audit(store, auditActor(actor, address), 'view-report', `${target}@${query.month}`, now);
  return { scope, month: query.month, growthTables: tables.ok, report };
}

/**
 * Computes and stores every posyandu's report of these months, in the background after `npm start`: an upgrade
 * changes the rules' hash, so the stored reports no longer count and the first puskesmas report of the month
 * would otherwise read every posyandu's records on the request (seconds).
 */
export async function warmMonthReports(
  store: Store,
  growthTablesFile: string,
  months: readonly string[],
  stillRunning: () => boolean,
): Promise<number> {
  const tables = await growthTablesFrom(growthTablesFile);
  const growth = tables.ok ? tables.tables : undefined;
  let warmed = 0;
  for (const puskesmas of await store.listPuskesmas()) {
    const ids = (await store.listPosyanduSummaries(puskesmas.id)).map((p) => p.id);
    for (const month of months) {
      for (const id of ids) {
        if (!stillRunning()) return warmed;
        // One posyandu per turn, so phones syncing meanwhile are served between them.
        await new Promise((resolve) => setImmediate(resolve));
        await posyanduReports(store, puskesmas.id, [id], month, growth);
        warmed++;
      }
    }
  }
  return warmed;
}

/** This month and last month, by the calendar of Indonesia's western zone (WIB, UTC+7), where most posyandu are. */
export function reportMonthsToWarm(now: Date): string[] {
  const wib = new Date(now.getTime() + 7 * 3_600_000);
  const year = wib.getUTCFullYear();
  const month = wib.getUTCMonth();
  const iso = (y: number, m: number) => `${y}-${String(m + 1).padStart(2, '0')}`;
  return [iso(year, month), month === 0 ? iso(year - 1, 11) : iso(year, month - 1)];
}
