import type { DoseState } from '../../../domain/schedules/child-immunization-status.ts';
import type { StringKey } from '../../../i18n/index.ts';

/**
 * What the date under a dose means, said in words: a date given ("Diberi 12/03/2026") must never look like a
 * date it is due, which a bare date did. Null when there is no date worth reading (a dose not needed).
 */
export function doseLine(dose: DoseState, givenElsewhere: boolean): { key: StringKey; date: string } | null {
  switch (dose.status) {
    case 'done':
      return { key: givenElsewhere ? 'doseGivenElsewhereOn' : 'doseGivenOn', date: dose.givenDate ?? dose.dueDate };
    case 'upcoming':
      return { key: 'doseDueFrom', date: dose.dueDate };
    case 'due':
    case 'overdue':
      return { key: 'doseDueSince', date: dose.dueDate };
    case 'too_late':
      return dose.latestDate ? { key: 'doseLastDay', date: dose.latestDate } : null;
    case 'not_needed':
      return null;
  }
}
