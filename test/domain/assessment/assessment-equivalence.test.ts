// The speed work on the shared rules must not change what assessPerson says about anyone: every person of the
// seeded posyandu (1,077 people, three years of history), on three dates, without and with the WHO tables, hashes
// the same as with the code before it (test/domain/reference/assessment-digest.json, made on main at 218512c).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededPeople } from '../../../bench/domain/seeded-people.ts';
import { assessmentDigest, DIGEST_AS_OF } from '../reference/assessment-digest.ts';
import { whoTables } from '../growth/who-tables-fixture.ts';

const before = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'reference', 'assessment-digest.json'), 'utf8'),
) as string[];

describe('assessPerson gives the same results as before the speed work', () => {
  it('for every person of the seeded posyandu', async () => {
    const { growth } = await whoTables();
    const now = assessmentDigest(growth);
    expect(now.length).toBe(before.length);
    expect(now.length).toBeGreaterThan(1_000);
    const people = seededPeople(1_100, DIGEST_AS_OF);
    const changed = now.flatMap((hash, i) => (hash === before[i] ? [] : [people[i]?.person.id]));
    expect(changed).toEqual([]);
  }, 60_000);
});
