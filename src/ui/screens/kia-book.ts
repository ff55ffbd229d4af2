import type { KiaBook } from '../../../protocol/index.ts';
import { completedMonths } from '../../domain/dates/calendar.ts';

/** The kader's answer as a form holds it: '' until she taps one (nothing is pre-answered). */
export type KiaBookAnswer = '' | 'yes' | 'no';

/** The Buku KIA / KMS is asked of balita only (it is SKDN's K); a birth date not yet typed asks nothing. */
export function asksKiaBook(birthDate: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || birthDate > today) return false;
  return completedMonths(birthDate, today) < 60;
}

export function kiaBookAnswerOf(book: KiaBook | undefined): KiaBookAnswer {
  if (!book) return '';
  return book.owned ? 'yes' : 'no';
}

/** The record's field for an answer given today, or nothing when unanswered or not a balita. */
export function kiaBookFrom(answer: KiaBookAnswer | undefined, birthDate: string, today: string): KiaBook | undefined {
  if (!answer || !asksKiaBook(birthDate, today)) return undefined;
  return { owned: answer === 'yes', notedOn: today };
}
