import type { z } from 'zod';
import type { HouseholdSchema } from '../../protocol/household.ts';
import type { PersonSchema } from '../../protocol/person.ts';
import type { RecordMeta } from '../../protocol/record-meta.ts';
import type { EventTableName, RecordOf, TABLES } from '../../protocol/tables.ts';

type MetaKey = keyof RecordMeta;

/** What a form hands a repository: the record without its meta fields, which the repository fills. */
export type HouseholdInput = Omit<z.input<typeof HouseholdSchema>, MetaKey>;
export type PersonInput = Omit<z.input<typeof PersonSchema>, MetaKey>;
export type HouseholdPatch = Partial<Omit<HouseholdInput, 'deletedAt'>>;
export type PersonPatch = Partial<Omit<PersonInput, 'deletedAt'>>;

/**
 * A member in a new household. `ref` names the member inside the form so another member can say
 * `motherRef: 'ibu'` before either has an id; `motherId` points at a person already stored.
 */
export type MemberInput = Omit<PersonInput, 'householdId'> & { ref?: string; motherRef?: string };

export type { EventTableName };

export type EventInput<T extends EventTableName> = Omit<z.input<(typeof TABLES)[T]['schema']>, MetaKey>;

export interface TimelineEntry {
  table: EventTableName;
  /** The date the event happened (a pregnancy: its last period, else its due date). */
  date: string;
  record: RecordOf<EventTableName>;
}
