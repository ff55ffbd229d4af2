import { z } from 'zod';

/** Ids are made on the phone: UUID version 7, so they sort by creation time and never collide across devices. */
export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const RecordIdSchema = z.string().regex(UUID_V7_PATTERN, { error: 'id_format' });

/** Server-issued ids (posyandu, device) are UUIDs of any version. */
export const ServerIdSchema = z.string().uuid({ error: 'id_format' });

/** A calendar date without time, as the kader means it: YYYY-MM-DD. */
export const DateOnlySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
  .refine(isRealCalendarDate, { error: 'date_format' });

export const InstantSchema = z.iso.datetime({ offset: true, error: 'datetime_format' });

function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
