import { isStringKey, t } from '../i18n/index.ts';

/*
 * Codes that arrive as plain strings (records pulled from the server, rule data a puskesmas can extend) are looked
 * up here: a known code reads as its catalogue string, an unknown one as the code itself rather than a crash.
 */
function labelOf(prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isStringKey(key) ? t(key) : code;
}

export const vaccineLabel = (code: string): string => labelOf('vaccine_', code);
export const serviceLabel = (code: string): string => labelOf('service_', code);
export const screeningLabel = (instrument: string): string => labelOf('screening_', instrument);
export const screeningResultLabel = (result: string): string => labelOf('screeningResult_', result);
export const nutritionLabel = (category: string): string => labelOf('nutrition_', category);
export const visitKindLabel = (kind: string): string => labelOf('visitKind_', kind);
export const dangerSignLabel = (code: string): string => labelOf('dangerSign_', code);
export const afterBirthVisitLabel = (code: string): string => labelOf('afterBirth_', code);
