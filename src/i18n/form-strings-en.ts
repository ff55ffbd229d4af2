import type { FORM_STRINGS_ID } from './form-strings.ts';

/** The form kit's read-backs in English; the same keys as the Indonesian part. */
export const FORM_STRINGS_EN: Record<keyof typeof FORM_STRINGS_ID, string> = {
  tdRecorded: 'Td on {date} recorded.',
  windowVisitRecorded: 'Visit {code} recorded.',
  confirmHomeVisit: 'Visited {name} today? Their visit tasks will be closed.',
  confirmHomeVisitYes: 'Yes, visited',
  confirmCkg: 'Has {name} had the health check?',
  confirmCkgYes: 'Yes, checked',
};
