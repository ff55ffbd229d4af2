import type { z } from 'zod';
import {
  ImmunizationSchema,
  MeasurementSchema,
  PregnancySchema,
  ReferralSchema,
  ScreeningSchema,
  ServiceSchema,
  VisitSchema,
} from './events.ts';
import { HouseholdSchema } from './household.ts';
import { PersonSchema } from './person.ts';

/**
 * Every synced table, with how its records merge: `mutable` records (household, person) merge field by field,
 * the later HLC winning; `event` records are immutable and merge as a union.
 */
export const TABLES = {
  households: { kind: 'mutable', schema: HouseholdSchema },
  persons: { kind: 'mutable', schema: PersonSchema },
  measurements: { kind: 'event', schema: MeasurementSchema },
  immunizations: { kind: 'event', schema: ImmunizationSchema },
  services: { kind: 'event', schema: ServiceSchema },
  pregnancies: { kind: 'event', schema: PregnancySchema },
  visits: { kind: 'event', schema: VisitSchema },
  screenings: { kind: 'event', schema: ScreeningSchema },
  referrals: { kind: 'event', schema: ReferralSchema },
} as const satisfies Record<string, { kind: 'mutable' | 'event'; schema: z.ZodType }>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The tables of immutable events of one person (a weighing, a dose, a visit...): every table but the mutable two. */
export type EventTableName = { [T in TableName]: (typeof TABLES)[T]['kind'] extends 'event' ? T : never }[TableName];
export const EVENT_TABLE_NAMES = TABLE_NAMES.filter((t): t is EventTableName => TABLES[t].kind === 'event');
export function isEventTableName(name: string): name is EventTableName {
  return isTableName(name) && TABLES[name].kind === 'event';
}

export type RecordOf<T extends TableName> = z.infer<(typeof TABLES)[T]['schema']>;

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(TABLES, name);
}
