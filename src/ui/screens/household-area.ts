import type { EnrollmentArea, Household } from '../../../protocol/index.ts';

export interface RtChoice {
  rt: string;
  rw: string;
}

export interface DusunChoice {
  name: string;
  /** RT/RW pairs already used in this dusun on this phone, in number order. */
  rts: RtChoice[];
}

/**
 * The dusun and RT a kader can pick instead of typing: the dusun the puskesmas listed in the enrollment, and every
 * dusun and RT/RW of the households already on the phone (her own and those pulled from the posyandu). Names are
 * matched without regard to case or spaces, the first spelling kept.
 */
export function areaChoices(area: EnrollmentArea | undefined, households: readonly Household[]): DusunChoice[] {
  const byKey = new Map<string, { name: string; rts: Map<string, RtChoice> }>();
  const add = (name: string) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
    if (key === '') return undefined;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { name: name.trim().replace(/\s+/g, ' '), rts: new Map() };
      byKey.set(key, entry);
    }
    return entry;
  };
  for (const name of area?.dusun ?? []) add(name);
  for (const household of households) {
    if (household.deletedAt !== undefined) continue;
    const entry = add(household.address.dusun);
    const rt = String(Number(household.address.rt));
    const rw = String(Number(household.address.rw));
    entry?.rts.set(`${rt}/${rw}`, { rt, rw });
  }
  return [...byKey.values()]
    .map(({ name, rts }) => ({
      name,
      rts: [...rts.values()].sort((a, b) => Number(a.rw) - Number(b.rw) || Number(a.rt) - Number(b.rt)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
}

/** The RT/RW choices of the dusun typed or picked (none for a dusun new to the phone). */
export function rtChoicesFor(choices: readonly DusunChoice[], dusun: string): RtChoice[] {
  const key = dusun.trim().toLowerCase().replace(/\s+/g, ' ');
  return choices.find((choice) => choice.name.toLowerCase() === key)?.rts ?? [];
}
