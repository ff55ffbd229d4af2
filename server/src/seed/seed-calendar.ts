import type { RecordOf, TableName } from '../../../protocol/index.ts';

export type GeneratedPosyandu = { [T in TableName]: RecordOf<T>[] };

export interface SeedMeta {
  id: string;
  posyanduId: string;
  recordedBy: { kaderId: string; deviceId: string };
  recordedAt: string;
  hlc: string;
}

export type MetaAt = (ms: number) => SeedMeta;

export const DAY_MS = 86_400_000;

export const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The same day `months` later (or `day` of that month), clamped to the month's last day. */
export function addMonths(date: string, months: number, day?: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day ?? d, lastDay));
  return dateOf(target.getTime());
}

export function monthsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / (DAY_MS * 30.4375);
}
