/**
 * Every synced table and how its records merge: `mutable` records (household, person) merge field by field, the
 * later HLC winning; `event` records are immutable and merge as a union. Kept apart from the schemas (tables.ts)
 * so that code which only names tables does not load zod: the phone loads the schemas on its first save or pull.
 */
export const TABLE_KINDS = {
  households: 'mutable',
  persons: 'mutable',
  measurements: 'event',
  immunizations: 'event',
  services: 'event',
  pregnancies: 'event',
  visits: 'event',
  screenings: 'event',
  referrals: 'event',
} as const satisfies Record<string, 'mutable' | 'event'>;

export type TableName = keyof typeof TABLE_KINDS;
export const TABLE_NAMES = Object.keys(TABLE_KINDS) as TableName[];

/** The tables of immutable events of one person (a weighing, a dose, a visit...): every table but the mutable two. */
export type EventTableName = { [T in TableName]: (typeof TABLE_KINDS)[T] extends 'event' ? T : never }[TableName];
export const EVENT_TABLE_NAMES = TABLE_NAMES.filter((t): t is EventTableName => TABLE_KINDS[t] === 'event');
export function isEventTableName(name: string): name is EventTableName {
  return isTableName(name) && TABLE_KINDS[name] === 'event';
}

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(TABLE_KINDS, name);
}
