import type { Measurement, Person, Referral } from '../../../protocol/index.ts';
import {
  type ChildNutritionFlag,
  ageInDays,
  assessChildNutrition,
  completedMonths,
} from '../../../src/domain/growth/index.ts';
import type { StoredRecord, Store } from '../db/store.ts';
import { growthTablesFrom } from './growth-tables-file.ts';
import { visiblePosyandu } from './staff-scope.ts';
import type { StaffActor } from './staff-sessions.ts';

export interface FlaggedChild {
  personId: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ageMonths: number;
  measurementId: string;
  measuredOn: string;
  weightKg: number | null;
  lengthHeightCm: number | null;
  muacCm: number | null;
  flags: ChildNutritionFlag[];
  implausible: boolean;
}

export interface OpenReferral {
  referralId: string;
  personId: string;
  name: string;
  date: string;
  reason: string;
  urgency: 'urgent' | 'routine';
  destination: string;
}

export type WorkList =
  | { tables: 'ok'; asOf: string; children: FlaggedChild[]; openReferrals: OpenReferral[] }
  | { tables: 'missing'; reason: string; asOf: string; children: []; openReferrals: OpenReferral[] };

/** Records a later record replaced (`supersedes`) are history, not the current fact. */
function current<T extends { id: string; supersedes?: string | undefined }>(records: T[]): T[] {
  const replaced = new Set(records.flatMap((r) => (r.supersedes ? [r.supersedes] : [])));
  return records.filter((r) => !replaced.has(r.id));
}

/**
 * Stored records passed the protocol schema when they arrived (apply-batch validates every change), so they are
 * read as their types here; parsing 30,000 of them again per request cost more than the rest of the list.
 */
function dataOf<T>(records: StoredRecord[]): T[] {
  return records.map((r) => r.data as T);
}

const hasAnthropometry = (m: Measurement) =>
  m.weightKg !== undefined || m.lengthHeightCm !== undefined || m.muacCm !== undefined;

/**
 * Children under five whose latest measurement is gizi buruk, gizi kurang, stunting, wasting, underweight or a
 * MUAC below 11.5 cm, judged by the phone's own rules (src/domain/growth), and every referral without a result.
 */
export async function workListForStaff(
  store: Store,
  actor: StaffActor,
  posyanduId: string,
  growthTablesFile: string,
  now: Date,
): Promise<WorkList> {
  await visiblePosyandu(store, actor, posyanduId, false);
  const asOf = now.toISOString().slice(0, 10);
  const [personRows, measurementRows, referralRows, tables] = await Promise.all([
    store.listCurrentRecords(posyanduId, 'persons'),
    store.listCurrentRecords(posyanduId, 'measurements'),
    store.listCurrentRecords(posyanduId, 'referrals'),
    growthTablesFrom(growthTablesFile),
  ]);
  const persons = new Map(
    dataOf<Person>(personRows)
      .filter((p) => p.status === 'active' && !p.deletedAt)
      .map((p) => [p.id, p]),
  );

  const referrals = current(dataOf<Referral>(referralRows));
  const answered = new Set(referrals.flatMap((r) => (r.resultFor ? [r.resultFor] : [])));
  const openReferrals = referrals
    .filter((r: Referral) => !r.resultFor && !answered.has(r.id) && persons.has(r.personId))
    .map((r) => ({
      referralId: r.id,
      personId: r.personId,
      name: persons.get(r.personId)?.name ?? '',
      date: r.date,
      reason: r.reason,
      urgency: r.urgency,
      destination: r.destination,
    }))
    .sort((a, b) => (a.urgency === b.urgency ? a.date.localeCompare(b.date) : a.urgency === 'urgent' ? -1 : 1));

  if (!tables.ok) return { tables: 'missing', reason: tables.reason, asOf, children: [], openReferrals };

  const latestByPerson = new Map<string, Measurement>();
  // Only children under five on the list's date need their measurements looked at.
  const underFive = new Set(
    [...persons.values()].filter((p) => completedMonths(ageInDays(p.birthDate, asOf)) < 60).map((p) => p.id),
  );
  const measurements = current(dataOf<Measurement>(measurementRows).filter((m) => underFive.has(m.personId)));
  for (const m of measurements.filter(hasAnthropometry)) {
    const known = latestByPerson.get(m.personId);
    if (!known || m.date > known.date || (m.date === known.date && m.hlc > known.hlc))
      latestByPerson.set(m.personId, m);
  }

  const children: FlaggedChild[] = [];
  for (const [personId, m] of latestByPerson) {
    const person = persons.get(personId);
    if (!person) continue;
    const assessment = assessChildNutrition(person.sex, person.birthDate, m, tables.tables);
    if (assessment.flags.length === 0) continue;
    children.push({
      personId,
      name: person.name,
      sex: person.sex,
      birthDate: person.birthDate,
      ageMonths: assessment.ageMonths,
      measurementId: m.id,
      measuredOn: m.date,
      weightKg: m.weightKg ?? null,
      lengthHeightCm: m.lengthHeightCm ?? null,
      muacCm: m.muacCm ?? null,
      flags: assessment.flags,
      implausible: assessment.implausible,
    });
  }
  // The most severe first: gizi buruk or a low MUAC, then by how many problems, then by name.
  const severity = (c: FlaggedChild) => (c.flags.includes('gizi_buruk') || c.flags.includes('muac_low') ? 1 : 0);
  children.sort(
    (a, b) => severity(b) - severity(a) || b.flags.length - a.flags.length || a.name.localeCompare(b.name, 'id'),
  );
  return { tables: 'ok', asOf, children, openReferrals };
}
