import type { Household, Measurement, Person } from '../../../../protocol/index.ts';
import { ageInDays, measurementZScores, type GrowthTables, type ZScore } from '../../../../src/domain/growth/index.ts';
import { currentEvents } from '../../../../src/domain/reports/index.ts';
import type { StoredPosyanduRecords } from './posyandu-records.ts';
import type { Sheet } from './table-files.ts';

/** Who and where, first in every by-name row, so a nutrition officer can find the child and her mother. */
const WHO_COLUMNS = ['nama', 'nik', 'tgl_lahir', 'nama_ibu', 'alamat', 'dusun', 'rt', 'rw', 'kode_desa'] as const;

/**
 * WHO Anthro's own names (the anthro R package's anthro_zscores(): inputs sex, age, weight, lenhei, measure, armc,
 * headc, oedema; outputs zlen/flen, zwei/fwei, zwfl/fwfl, zbmi/fbmi), age in days (is_age_in_month = FALSE).
 * docs/reports.md maps each to our record.
 */
export const ANTHRO_COLUMNS = [
  ...WHO_COLUMNS,
  'tgl_ukur',
  'sex',
  'age',
  'weight',
  'lenhei',
  'measure',
  'oedema',
  'armc',
  'headc',
  'zlen',
  'flen',
  'zwei',
  'fwei',
  'zwfl',
  'fwfl',
  'zbmi',
  'fbmi',
] as const;

export const IMMUNIZATION_COLUMNS = [
  ...WHO_COLUMNS,
  'jenis_kelamin',
  'tgl_imunisasi',
  'vaksin',
  'no_batch',
  'dicatat_dari_buku_kia',
] as const;

type Cell = string | number | null;
const inMonth = (date: string, month: string) => date.slice(0, 7) === month;
/** Someone who had moved out or died before the event's day is no longer the posyandu's to report. */
const livedHereOn = (person: Person, date: string) =>
  person.status === 'active' || person.statusDate === undefined || person.statusDate >= date;

function whoCells(person: Person, persons: Map<string, Person>, households: Map<string, Household>): Cell[] {
  const address = households.get(person.householdId)?.address;
  return [
    person.name,
    person.nik ?? null,
    person.birthDate,
    (person.motherId ? persons.get(person.motherId)?.name : undefined) ?? null,
    address?.street ?? null,
    address?.dusun || null,
    address?.rt ?? null,
    address?.rw ?? null,
    address?.villageCode ?? null,
  ];
}

function lookups(records: StoredPosyanduRecords) {
  return {
    persons: new Map(records.persons.filter((p) => p.deletedAt === undefined).map((p) => [p.id, p])),
    households: new Map(records.households.map((h) => [h.id, h])),
  };
}

const byNameThenDate = (a: Cell[], b: Cell[], dateColumn: number) =>
  String(a[0]).localeCompare(String(b[0]), 'id') || String(a[dateColumn]).localeCompare(String(b[dateColumn]));

const z = (score: ZScore | undefined): [Cell, Cell] => (score ? [score.z, score.flagged ? 1 : 0] : [null, null]);

/** Every weighing or length/height of a child under five in the month, with WHO z-scores, as WHO Anthro names it. */
export function anthroSheet(records: StoredPosyanduRecords, month: string, growth: GrowthTables): Sheet {
  const { persons, households } = lookups(records);
  const rows: Cell[][] = [];
  for (const m of currentEvents<Measurement>(records.measurements)) {
    const person = persons.get(m.personId);
    if (!person || !inMonth(m.date, month) || !livedHereOn(person, m.date)) continue;
    if (m.weightKg === undefined && m.lengthHeightCm === undefined) continue;
    const days = ageInDays(person.birthDate, m.date);
    // WHO Anthro covers 0-5 years (anthro computes nothing from 60.0 months: docs/growth.md).
    if (days < 0 || days >= 1826) continue;
    const { underFive } = measurementZScores(person.sex, person.birthDate, m, growth);
    rows.push([
      ...whoCells(person, persons, households),
      m.date,
      person.sex === 'male' ? 1 : 2,
      days,
      m.weightKg ?? null,
      m.lengthHeightCm ?? null,
      m.position === 'lying' ? 'l' : m.position === 'standing' ? 'h' : null,
      m.oedema ? 'y' : 'n',
      m.muacCm ?? null,
      m.headCircumferenceCm ?? null,
      ...z(underFive.lhfa),
      ...z(underFive.wfa),
      ...z(underFive.wflh),
      ...z(underFive.bfa),
    ]);
  }
  rows.sort((a, b) => byNameThenDate(a, b, WHO_COLUMNS.length));
  return { name: 'Antropometri', columns: ANTHRO_COLUMNS, rows };
}

/** Every immunisation recorded in the month, by name; doses copied from the Buku KIA are marked, not left out. */
export function immunizationSheet(records: StoredPosyanduRecords, month: string): Sheet {
  const { persons, households } = lookups(records);
  const rows: Cell[][] = [];
  for (const i of currentEvents(records.immunizations)) {
    const person = persons.get(i.personId);
    if (!person || !inMonth(i.date, month) || !livedHereOn(person, i.date)) continue;
    rows.push([
      ...whoCells(person, persons, households),
      person.sex === 'male' ? 'L' : 'P',
      i.date,
      i.vaccine,
      i.batchNumber ?? null,
      i.givenElsewhere ? 'ya' : 'tidak',
    ]);
  }
  rows.sort((a, b) => byNameThenDate(a, b, WHO_COLUMNS.length + 1));
  return { name: 'Imunisasi', columns: IMMUNIZATION_COLUMNS, rows };
}
