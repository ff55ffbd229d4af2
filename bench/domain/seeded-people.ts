// The seed generator's posyandu (as `npm run seed`), grouped by person the way the app's snapshot and the server
// hand records to the shared rules. Shared by the domain-rules bench and the equivalence test.
import { EVENT_TABLE_NAMES } from '../../protocol/tables.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import type { PersonRecords } from '../../src/domain/assessment/assessment-types.ts';

const TABLES = EVENT_TABLE_NAMES;

/** About `people` residents with three years of history as of `asOf` (the seed averages 3.45 per household). */
export function seededPeople(people: number, asOf: string, seed = 20_261_201): PersonRecords[] {
  const data = generatePosyandu({
    seed,
    posyanduId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    deviceId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60',
    kaderId: 'bench',
    households: Math.round(people / 3.45),
    asOf,
  });
  const out = new Map<string, PersonRecords>();
  for (const person of data.persons) {
    out.set(person.id, {
      person,
      measurements: [],
      immunizations: [],
      pregnancies: [],
      visits: [],
      referrals: [],
      screenings: [],
      services: [],
    });
  }
  for (const table of TABLES) {
    for (const record of data[table]) (out.get(record.personId)?.[table] as unknown[] | undefined)?.push(record);
  }
  return [...out.values()];
}
