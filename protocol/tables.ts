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
import { TABLE_KINDS, type TableName } from './table-kinds.ts';

export {
  TABLE_KINDS,
  TABLE_NAMES,
  EVENT_TABLE_NAMES,
  isEventTableName,
  isTableName,
  type TableName,
  type EventTableName,
} from './table-kinds.ts';

/** Every synced table with its merge kind (table-kinds.ts) and the schema its records are validated with. */
export const TABLES = {
  households: { kind: TABLE_KINDS.households, schema: HouseholdSchema },
  persons: { kind: TABLE_KINDS.persons, schema: PersonSchema },
  measurements: { kind: TABLE_KINDS.measurements, schema: MeasurementSchema },
  immunizations: { kind: TABLE_KINDS.immunizations, schema: ImmunizationSchema },
  services: { kind: TABLE_KINDS.services, schema: ServiceSchema },
  pregnancies: { kind: TABLE_KINDS.pregnancies, schema: PregnancySchema },
  visits: { kind: TABLE_KINDS.visits, schema: VisitSchema },
  screenings: { kind: TABLE_KINDS.screenings, schema: ScreeningSchema },
  referrals: { kind: TABLE_KINDS.referrals, schema: ReferralSchema },
} as const satisfies Record<TableName, { kind: 'mutable' | 'event'; schema: z.ZodType }>;

export type RecordOf<T extends TableName> = z.infer<(typeof TABLES)[T]['schema']>;
