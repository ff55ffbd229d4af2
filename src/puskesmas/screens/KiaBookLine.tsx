import { completedMonths } from '../../domain/dates/calendar.ts';
import { formatDate, t } from '../strings/index.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Buku KIA / KMS answer (person.kiaBook {owned, notedOn}, the K of SKDN) as the kader gave it. The server
 * checked it with the protocol's KiaBookSchema when the phone pushed it; this only narrows the JSON it serves,
 * by hand, so zod stays out of the staff app's first chunk. Anything else reads as not asked.
 */
export function kiaBookOf(data: Record<string, unknown>): { owned: boolean; notedOn: string } | undefined {
  const book = data.kiaBook;
  if (typeof book !== 'object' || book === null) return undefined;
  const { owned, notedOn } = book as Record<string, unknown>;
  return typeof owned === 'boolean' && typeof notedOn === 'string' && DATE_ONLY.test(notedOn)
    ? { owned, notedOn }
    : undefined;
}

/**
 * One line on a person's record. Kaders ask it of under-fives only, so for an older person without an answer
 * there is nothing to say; an under-five without one is "not asked yet", never "no" (unknown is not "no").
 */
export function KiaBookLine({ data, today }: { data: Record<string, unknown>; today: string }) {
  const book = kiaBookOf(data);
  const birthDate = typeof data.birthDate === 'string' ? data.birthDate : '';
  if (!book) {
    const underFive = DATE_ONLY.test(birthDate) && birthDate <= today && completedMonths(birthDate, today) < 60;
    return underFive ? (
      <p class="kia-book muted" data-testid="kia-book">
        {t('kiaBookUnknown')}
      </p>
    ) : null;
  }
  return (
    <p class={book.owned ? 'kia-book' : 'kia-book flag urgent'} data-testid="kia-book">
      {t(book.owned ? 'kiaBookOwned' : 'kiaBookNotOwned', { date: formatDate(book.notedOn) })}
    </p>
  );
}
