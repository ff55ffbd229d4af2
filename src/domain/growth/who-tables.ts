import { z } from 'zod';

/**
 * The compact WHO tables the installer (scripts/who-install.ts) generates from WHO's workbooks into
 * public/growth/who-tables.json. Only L, M and S are kept: every SD line is derived from them (see lms.ts).
 */
export const WHO_TABLES_FORMAT = 'posyandu-ilp/who-growth-tables';
export const WHO_TABLES_FORMAT_VERSION = 1;

export const GROWTH_TABLE_KEYS = ['wfa', 'lhfa', 'bfa', 'wfl', 'wfh', 'hfa07', 'bfa07', 'wfa07'] as const;
export type GrowthTableKey = (typeof GROWTH_TABLE_KEYS)[number];

export type Sex = 'male' | 'female';

/** age_days: WHO 2006 by day; age_months: WHO 2007 by completed month; length_mm: 0.1 cm steps, in mm. */
export type TableAxis = 'age_days' | 'age_months' | 'length_mm';

/** The range of keys each table must cover, both ends included. */
export const TABLE_LAYOUT: Record<GrowthTableKey, { axis: TableAxis; first: number; last: number }> = {
  wfa: { axis: 'age_days', first: 0, last: 1856 },
  lhfa: { axis: 'age_days', first: 0, last: 1856 },
  bfa: { axis: 'age_days', first: 0, last: 1856 },
  wfl: { axis: 'length_mm', first: 450, last: 1100 },
  wfh: { axis: 'length_mm', first: 650, last: 1200 },
  // WHO publishes 61..228 (61..120 for weight); the 60 and 229 (121) rows are derived at install, see docs/growth.md.
  hfa07: { axis: 'age_months', first: 60, last: 229 },
  bfa07: { axis: 'age_months', first: 60, last: 229 },
  wfa07: { axis: 'age_months', first: 60, last: 121 },
};

const ColumnSchema = z.array(z.number().finite());

const LmsColumnsSchema = z
  .object({ L: ColumnSchema, M: z.array(z.number().positive()), S: z.array(z.number().positive()) })
  .refine((c) => c.L.length === c.M.length && c.M.length === c.S.length, { message: 'L, M and S differ in length' });

const LmsTableSchema = z.object({
  axis: z.enum(['age_days', 'age_months', 'length_mm']),
  first: z.number().int(),
  male: LmsColumnsSchema,
  female: LmsColumnsSchema,
});

export type LmsColumns = z.infer<typeof LmsColumnsSchema>;
export type LmsTable = z.infer<typeof LmsTableSchema>;

/**
 * Head-circumference-for-age (WHO 2006, by day 0..1856) is optional: WHO's two hcfa workbooks are not in every
 * install folder. Without it the head is still measured and kept, but not judged (docs/growth.md).
 */
export const HCFA_LAYOUT = { axis: 'age_days', first: 0, last: 1856 } as const;

const SourceSchema = z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const GrowthTablesSchema = z
  .object({
    format: z.literal(WHO_TABLES_FORMAT),
    formatVersion: z.literal(WHO_TABLES_FORMAT_VERSION),
    generatedAt: z.iso.datetime({ offset: true }),
    sources: z.array(SourceSchema).min(1),
    derivedRows: z.array(z.object({ table: z.enum(GROWTH_TABLE_KEYS), key: z.number(), method: z.string() })),
    attribution: z.string(),
    tables: z.object({
      wfa: LmsTableSchema,
      lhfa: LmsTableSchema,
      bfa: LmsTableSchema,
      wfl: LmsTableSchema,
      wfh: LmsTableSchema,
      hfa07: LmsTableSchema,
      bfa07: LmsTableSchema,
      wfa07: LmsTableSchema,
      hcfa: LmsTableSchema.optional(),
    }),
  })
  .superRefine((file, ctx) => {
    for (const key of GROWTH_TABLE_KEYS) {
      const table = file.tables[key];
      const layout = TABLE_LAYOUT[key];
      const rows = layout.last - layout.first + 1;
      const ok =
        table.axis === layout.axis &&
        table.first === layout.first &&
        table.male.M.length === rows &&
        table.female.M.length === rows;
      if (!ok)
        ctx.addIssue({ code: 'custom', path: ['tables', key], message: `expected ${rows} rows from ${layout.first}` });
    }
    const hcfa = file.tables.hcfa;
    const hcfaRows = HCFA_LAYOUT.last - HCFA_LAYOUT.first + 1;
    if (
      hcfa &&
      (hcfa.axis !== HCFA_LAYOUT.axis ||
        hcfa.first !== HCFA_LAYOUT.first ||
        hcfa.male.M.length !== hcfaRows ||
        hcfa.female.M.length !== hcfaRows)
    )
      ctx.addIssue({ code: 'custom', path: ['tables', 'hcfa'], message: `expected ${hcfaRows} rows from 0` });
  });

export type GrowthTables = z.infer<typeof GrowthTablesSchema>;

export type TablesResult =
  { ok: true; growthTables: GrowthTables } | { ok: false; reason: 'missing' | 'invalid'; detail: string };

/** Checks a parsed who-tables.json; the app shows "tabel belum terpasang" on anything but ok. */
export function parseGrowthTables(json: unknown): TablesResult {
  if (json === undefined || json === null) return { ok: false, reason: 'missing', detail: 'no table file' };
  const parsed = GrowthTablesSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: 'invalid', detail: first ? `${first.path.join('.')}: ${first.message}` : 'invalid' };
  }
  return { ok: true, growthTables: parsed.data };
}

export interface Lms {
  L: number;
  M: number;
  S: number;
}

/** The row at an integer key (day, month or mm), or undefined outside the table. */
export function lmsAt(table: LmsTable, sex: Sex, key: number): Lms | undefined {
  const columns = table[sex];
  const i = key - table.first;
  const L = columns.L[i];
  const M = columns.M[i];
  const S = columns.S[i];
  if (L === undefined || M === undefined || S === undefined) return undefined;
  return { L, M, S };
}
