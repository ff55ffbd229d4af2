import type { Person } from '../../../../protocol/index.ts';
import type { Assessment } from '../../../domain/assessment/assessment-types.ts';
import { assess, type PersonHistory } from './visitor-data.ts';

/**
 * The day screen re-reads its data whenever a table it watches changes (a visitor registered, a weight saved),
 * and again each time it is opened; most visitors' records did not change in between. Their assessment is kept
 * by the versions of the records it was computed from: the person's and every history record's id and HLC
 * stamp (a write or a correction always gives a new stamp), and the date. Pure values only; bounded.
 */
const cache = new Map<string, { key: string; assessment: Assessment }>();
const MAX_ENTRIES = 2_000;

type Versioned = { readonly id: string; readonly hlc: string };

function versionKey(person: Person, history: PersonHistory, today: string): string {
  const parts = [today, person.hlc];
  for (const list of Object.values(history) as (readonly Versioned[] | undefined)[]) {
    parts.push('|');
    for (const record of list ?? []) parts.push(record.id, record.hlc);
  }
  return parts.join(' ');
}

/** `assess(person, history, today)`, computed once per version of the person's records. */
export function assessCached(person: Person, history: PersonHistory, today: string): Assessment {
  const key = versionKey(person, history, today);
  const hit = cache.get(person.id);
  if (hit && hit.key === key) return hit.assessment;
  const assessment = assess(person, history, today);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(person.id, { key, assessment });
  return assessment;
}
