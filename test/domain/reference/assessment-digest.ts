// A digest of what assessPerson says about every person of the seeded posyandu, without and with the WHO tables,
// on two dates: one short hash per person. The equivalence test compares it with the digest the code before the
// speed work gave (assessment-digest.json, made on main at 218512c with this same file), so a changed result of any
// rule shows as the people whose hash differs.
import { createHash } from 'node:crypto';
import { seededPeople } from '../../../bench/domain/seeded-people.ts';
import { assessPerson } from '../../../src/domain/assessment/assess-person.ts';
import type { GrowthTables } from '../../../src/domain/growth/who-tables.ts';

export const DIGEST_AS_OF = '2026-12-01';
export const DIGEST_DATES = ['2025-08-15', '2026-02-28', DIGEST_AS_OF] as const;

/** One hash per person, in the seed's order. */
export function assessmentDigest(growth: GrowthTables): string[] {
  const out: string[] = [];
  for (const records of seededPeople(1_100, DIGEST_AS_OF)) {
    const results = DIGEST_DATES.flatMap((date) => [
      assessPerson(records, date),
      assessPerson(records, date, { growth }),
    ]);
    out.push(createHash('sha256').update(JSON.stringify(results)).digest('hex').slice(0, 12));
  }
  return out;
}
