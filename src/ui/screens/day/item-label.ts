import type { PackageItem } from '../../../domain/posyandu-day/daily-package.ts';
import { isStringKey, t } from '../../../i18n/index.ts';
import { screeningLabel, serviceLabel, vaccineLabel } from '../../labels.ts';

/** A package item in the kader's words, from the catalogue of the chosen language. */
export function itemLabel(item: PackageItem): string {
  switch (item.kind) {
    case 'immunization':
      return vaccineLabel(item.code);
    case 'service':
      return serviceLabel(item.code);
    case 'screening':
      return screeningLabel(item.code);
    case 'measurement':
      return isStringKey(item.code) ? t(item.code) : item.code;
  }
}
