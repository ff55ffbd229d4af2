import type { PackageItem } from '../../../domain/posyandu-day/daily-package.ts';
import { NATIONAL_IMMUNIZATION_SCHEDULE } from '../../../domain/schedules/immunization-schedule.ts';
import { t, type StringKey } from '../../../i18n/index.ts';

/** A package item in the kader's words: the vaccine's programme name, or the catalogue's label. */
export function itemLabel(item: PackageItem): string {
  if (item.kind === 'immunization') {
    return NATIONAL_IMMUNIZATION_SCHEDULE.doses.find((d) => d.code === item.code)?.label ?? item.code;
  }
  const key = (
    item.kind === 'service' ? `service_${item.code}` : item.kind === 'screening' ? `screening_${item.code}` : item.code
  ) as StringKey;
  return t(key) ?? item.code;
}
