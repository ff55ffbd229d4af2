// Plausible people for the app benchmarks, from the server's seed generator: the 10,000 people a busy posyandu
// phone holds, household registrations of exactly five members, and name prefixes a kader would type.
import { PROTOCOL_VERSION, type Change, type RecordOf } from '../../protocol/index.ts';
import { META_FIELDS } from '../../protocol/record-meta.ts';
import type { Store } from '../../server/src/db/store.ts';
import { generatePosyandu } from '../../server/src/seed/generate-posyandu.ts';
import { createPrng } from '../../server/src/seed/prng.ts';
import { inBatches } from '../../server/src/seed/seed-changes.ts';
import { applyBatch } from '../../server/src/services/apply-batch.ts';
import type { CreatedDevice } from '../../server/src/services/devices.ts';
import type { BenchHousehold } from '../browser/bench-types.ts';

type Household = RecordOf<'households'>;
type Person = RecordOf<'persons'>;

/** Yesterday (UTC): birth dates of generated people are never after the moment the phone records them. */
const asOf = (): string => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function withoutMeta<T extends object>(record: T): Omit<T, (typeof META_FIELDS)[number]> {
  const copy = { ...record } as Record<string, unknown>;
  for (const field of META_FIELDS) delete copy[field];
  return copy as Omit<T, (typeof META_FIELDS)[number]>;
}

export interface SeededPeople {
  households: Household[];
  persons: Person[];
}

/** Exactly `count` people (households in full, cut at the last one that fits) and their households. */
export function peopleOfPosyandu(device: CreatedDevice, count: number): SeededPeople {
  const data = generatePosyandu({
    seed: 20_261_122,
    posyanduId: device.enrollment.posyanduId,
    deviceId: device.deviceId,
    kaderId: device.enrollment.kaderId,
    households: Math.ceil(count / 3.4),
    asOf: asOf(),
  });
  if (data.persons.length < count) throw new Error(`seed gave ${data.persons.length} people, need ${count}`);
  const persons = data.persons.slice(0, count);
  const kept = new Set(persons.map((p) => p.householdId));
  const ids = new Set(persons.map((p) => p.id));
  return {
    households: data.households.filter((h) => kept.has(h.id)),
    // A mother cut off by the slice would make her child's reference dangle: keep the child, drop the link.
    persons: persons.map((p) => (p.motherId && !ids.has(p.motherId) ? { ...p, motherId: undefined } : p)),
  };
}

/** Pushes the people to the server through the real apply-batch service, as the phone that registered them. */
export async function pushToServer(store: Store, device: CreatedDevice, people: SeededPeople): Promise<number> {
  const changes: Change[] = [...people.households, ...people.persons].map((record) => ({
    changeId: `bench-${record.id}`,
    table: 'householdId' in record ? 'persons' : 'households',
    op: 'upsert',
    record: record as unknown as Record<string, unknown>,
  }));
  let applied = 0;
  for (const [i, batch] of inBatches(changes, 500).entries()) {
    const response = await applyBatch(
      store,
      { deviceId: device.deviceId, posyanduId: device.enrollment.posyanduId, kaderId: device.enrollment.kaderId },
      { protocolVersion: PROTOCOL_VERSION, deviceId: device.deviceId, batchId: `bench-seed-${i}`, changes: batch },
    );
    applied += response.results.filter((r) => r.status === 'applied').length;
  }
  if (applied !== changes.length) throw new Error(`server applied ${applied} of ${changes.length} seed records`);
  return applied;
}

/** Registrations of five members each (head first, mothers before their children), as the form sends them. */
export function fiveMemberHouseholds(count: number): BenchHousehold[] {
  const data = generatePosyandu({
    seed: 77,
    posyanduId: '00000000-0000-4000-8000-000000000001',
    deviceId: '00000000-0000-4000-8000-000000000002',
    kaderId: 'bench',
    households: count * 8,
    asOf: asOf(),
  });
  const byHousehold = new Map<string, Person[]>();
  for (const person of data.persons)
    byHousehold.set(person.householdId, [...(byHousehold.get(person.householdId) ?? []), person]);
  const out: BenchHousehold[] = [];
  for (const household of data.households) {
    const members = byHousehold.get(household.id) ?? [];
    if (members.length < 5) continue;
    const five = members.slice(0, 5);
    const inForm = new Set(five.map((m) => m.id));
    out.push({
      household: withoutMeta(household),
      members: five.map((person) => {
        const { householdId: _householdId, motherId, ...fields } = withoutMeta(person);
        return {
          ...fields,
          ref: person.id,
          ...(motherId && inForm.has(motherId) ? { motherRef: motherId } : {}),
        };
      }),
    });
    if (out.length === count) return out;
  }
  throw new Error(`only ${out.length} households of five or more; need ${count}`);
}

/**
 * What a kader types into search: 2 or 3 letters of a name, a whole first name, or a first name and the start of
 * the second. Drawn from the stored people so most queries find someone.
 */
export function searchQueries(persons: Person[], count: number): string[] {
  const prng = createPrng(5);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const [first = '', second = ''] = prng.pick(persons).name.toLowerCase().split(' ');
    switch (i % 4) {
      case 0:
        queries.push(first.slice(0, 2));
        break;
      case 1:
        queries.push(first.slice(0, 3));
        break;
      case 2:
        queries.push(first);
        break;
      default:
        queries.push(`${first} ${second.slice(0, 2)}`.trim());
    }
  }
  return queries;
}
