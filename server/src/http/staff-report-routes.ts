import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../db/store.ts';
import { exportFhir } from '../services/fhir/export-fhir.ts';
import { growthTablesFrom } from '../services/growth-tables-file.ts';
import { anthroSheet, immunizationSheet } from '../services/reports/person-exports.ts';
import { readPosyanduRecords } from '../services/reports/posyandu-records.ts';
import { reportFileName, reportSheet, skdnSheet } from '../services/reports/report-sheets.ts';
import { MonthSchema, ReportQuerySchema, reportForStaff } from '../services/reports/staff-reports.ts';
import { type Sheet, toCsv, toXlsx } from '../services/reports/table-files.ts';
import { audit } from '../services/staff-audit.ts';
import { auditActor } from '../services/staff-posyandus.ts';
import { StaffAccessError, visiblePosyandu } from '../services/staff-scope.ts';
import { type StaffVariables, clientAddress } from './staff-auth.ts';
import { staffError, zodMessage } from './staff-errors.ts';

export interface StaffReportDeps {
  store: Store;
  now: () => Date;
  growthTablesFile: string;
}

type StaffContext = Context<{ Variables: StaffVariables }>;
const FormatSchema = z.enum(['csv', 'xlsx'], { error: 'format harus csv atau xlsx' });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function query<T>(c: StaffContext, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; response: Response } {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: staffError(c, 400, 'invalid-request', zodMessage(parsed.error)) };
}

/** A download: attachment, never cached (health data by name), never sniffed. */
async function download(c: StaffContext, format: 'csv' | 'xlsx', sheets: Sheet[], baseName: string) {
  const name = `${baseName}.${format}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' };
  if (format === 'csv') {
    return c.body(toCsv(sheets[0] ?? { name: '', columns: [], rows: [] }), 200, {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
    });
  }
  const bytes = await toXlsx(sheets);
  return c.body(bytes.buffer as ArrayBuffer, 200, { ...headers, 'Content-Type': XLSX_TYPE });
}

/**
 * The reports and exports of issue 12 (docs/reports.md, docs/fhir.md): the monthly report of a posyandu, a desa or
 * the puskesmas, its CSV/XLSX, the by-name anthropometry and immunisation lists, and the FHIR Bundles. Every one
 * is scoped (staff-scope.ts) and audited before it is answered.
 */
export function registerReportRoutes(app: Hono<{ Variables: StaffVariables }>, deps: StaffReportDeps): void {
  const { store, now } = deps;
  const who = (c: StaffContext) => auditActor(c.get('actor'), clientAddress(c));

  app.get('/reports/monthly', async (c) => {
    const q = query(c, ReportQuerySchema);
    if (!q.ok) return q.response;
    return c.json(await reportForStaff(store, c.get('actor'), q.value, deps.growthTablesFile, clientAddress(c), now()));
  });

  app.get('/reports/monthly/file/:format', async (c) => {
    const format = FormatSchema.safeParse(c.req.param('format'));
    if (!format.success) return staffError(c, 404, 'not-found', 'Format unduhan tidak dikenal.');
    const q = query(c, ReportQuerySchema);
    if (!q.ok) return q.response;
    const answer = await reportForStaff(store, c.get('actor'), q.value, deps.growthTablesFile, clientAddress(c), now());
    const baseName = reportFileName(answer, format.data).replace(/\.[a-z]+$/, '');
    return download(c, format.data, [reportSheet(answer), skdnSheet(answer)], baseName);
  });

  app.get('/posyandus/:id/exports/:kind/:format', async (c) => {
    const kind = z.enum(['anthropometry', 'immunizations']).safeParse(c.req.param('kind'));
    const format = FormatSchema.safeParse(c.req.param('format'));
    if (!kind.success || !format.success) return staffError(c, 404, 'not-found', 'Unduhan tidak dikenal.');
    const q = query(c, z.object({ month: MonthSchema }));
    if (!q.ok) return q.response;
    const posyandu = await visiblePosyandu(store, c.get('actor'), c.req.param('id'), false);
    const records = await readPosyanduRecords(store, posyandu.id);
    let sheet: Sheet;
    if (kind.data === 'anthropometry') {
      const tables = await growthTablesFrom(deps.growthTablesFile);
      if (!tables.ok) {
        return staffError(c, 503, 'tables-missing', 'Tabel WHO belum terpasang di server (npm run who:install).');
      }
      sheet = anthroSheet(records, q.value.month, tables.tables);
    } else sheet = immunizationSheet(records, q.value.month);
    await audit(store, who(c), `export-${kind.data}`, `posyandu:${posyandu.id}@${q.value.month}`, now());
    return download(
      c,
      format.data,
      [sheet],
      `${kind.data === 'anthropometry' ? 'antropometri' : 'imunisasi'}-${posyandu.name}-${q.value.month}`,
    );
  });

  app.get('/posyandus/:id/fhir', async (c) => {
    const q = query(c, z.object({ month: MonthSchema }));
    if (!q.ok) return q.response;
    const posyandu = await visiblePosyandu(store, c.get('actor'), c.req.param('id'), false);
    await audit(store, who(c), 'export-fhir', `posyandu:${posyandu.id}@${q.value.month}`, now());
    const bundle = await exportFhir(store, posyandu.id, { month: q.value.month });
    return fhirAnswer(c, bundle, `fhir-${posyandu.name}-${q.value.month}`);
  });

  app.get('/persons/:id/fhir', async (c) => {
    const personId = c.req.param('id');
    const person = await store.getRecord('persons', personId);
    if (!person || person.deleted) throw new StaffAccessError('not-found', 'Warga tidak ditemukan.');
    await visiblePosyandu(store, c.get('actor'), person.posyanduId, false);
    await audit(store, who(c), 'export-fhir', `person:${personId}`, now());
    const bundle = await exportFhir(store, person.posyanduId, { personId });
    return fhirAnswer(c, bundle, `fhir-warga-${personId}`);
  });
}

function fhirAnswer(c: StaffContext, bundle: unknown, baseName: string) {
  const name = `${baseName}.json`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return c.body(JSON.stringify(bundle), 200, {
    'Content-Type': 'application/fhir+json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
}
