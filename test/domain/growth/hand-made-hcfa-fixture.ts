// Shared by the head-circumference rule's tests and the LK chart's tests.
import {
  GROWTH_TABLE_KEYS,
  HCFA_LAYOUT,
  parseGrowthTables,
  TABLE_LAYOUT,
  type GrowthTables,
  type LmsTable,
} from '../../../src/domain/growth/who-tables.ts';

/**
 * A HAND-MADE table, not WHO data: every row L = 1, M = 40 cm, S = 0.05, so -2 SD is exactly 36.0 cm and +2 SD
 * 44.0 cm. It proves the rule fires once a real hcfa table is installed; WHO's numbers are never committed.
 * The other tables are constant too (M = 10), only there for the file to parse.
 */
export function handMadeHcfaTables(withHead: boolean): GrowthTables {
  const constant = (rows: number, lms: { L: number; M: number; S: number }) => ({
    L: Array<number>(rows).fill(lms.L),
    M: Array<number>(rows).fill(lms.M),
    S: Array<number>(rows).fill(lms.S),
  });
  const table = (layout: { axis: LmsTable['axis']; first: number; last: number }, M: number): LmsTable => {
    const rows = layout.last - layout.first + 1;
    return {
      axis: layout.axis,
      first: layout.first,
      male: constant(rows, { L: 1, M, S: 0.05 }),
      female: constant(rows, { L: 1, M, S: 0.05 }),
    };
  };
  const tables = Object.fromEntries(GROWTH_TABLE_KEYS.map((key) => [key, table(TABLE_LAYOUT[key], 10)]));
  const file = {
    format: 'posyandu-ilp/who-growth-tables',
    formatVersion: 1,
    generatedAt: '2026-08-12T00:00:00Z',
    sources: [{ file: 'hand-made-fixture', sha256: '0'.repeat(64) }],
    derivedRows: [],
    attribution: 'hand-made test fixture, not WHO data',
    tables: { ...tables, ...(withHead ? { hcfa: table(HCFA_LAYOUT, 40) } : {}) },
  };
  const parsed = parseGrowthTables(file);
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.growthTables;
}
