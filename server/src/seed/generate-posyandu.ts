import { formatHlc, type RecordOf } from '../../../protocol/index.ts';
import { addChildHistory, addPregnancies, addScreenings } from './event-history.ts';
import {
  AREA,
  CHILD_FEMALE_NAMES,
  CHILD_MALE_NAMES,
  DUSUN,
  FEMALE_NAMES,
  MALE_NAMES,
  SECOND_NAMES,
  STREETS,
} from './names.ts';
import { createPrng } from './prng.ts';
import { dateOf, DAY_MS, monthsBetween, type GeneratedPosyandu, type SeedMeta } from './seed-calendar.ts';
import { uuidV7 } from './uuid-v7.ts';

export interface GenerateOptions {
  seed: number;
  posyanduId: string;
  deviceId: string;
  kaderId: string;
  /** About 300 for a typical posyandu; people scale with it (about 3.7 per household). */
  households: number;
  /** The "today" of the data (YYYY-MM-DD); fixed by default so a seed always gives the same records. */
  asOf?: string;
  /** Under-fives with monthly weighings; defaults to 30 % of households (90 for 300). */
  underFives?: number;
}

type Sex = 'male' | 'female';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A deterministic, realistic posyandu: households with KK numbers and Kemendagri codes, members with NIKs that
 * agree with their birth date and sex, under-fives with up to three years of monthly weighings and their
 * immunisations, pregnancies with antenatal visits, and screened adults. Every record is valid against the
 * protocol schemas (test/server/seed-generator.test.ts checks it).
 */
export function generatePosyandu(options: GenerateOptions): GeneratedPosyandu {
  const prng = createPrng(options.seed);
  // Ids come from their own stream, keyed by posyandu too: the same seed for two posyandus gives the same people
  // but never the same record ids (ids are global on the server).
  const idPrng = createPrng(hashSeed(`${options.seed}:${options.posyanduId}:${options.deviceId}`));
  const asOf = options.asOf ?? '2026-11-01';
  const asOfMs = Date.parse(`${asOf}T02:00:00.000Z`);
  const out: GeneratedPosyandu = {
    households: [],
    persons: [],
    measurements: [],
    immunizations: [],
    services: [],
    pregnancies: [],
    visits: [],
    screenings: [],
    referrals: [],
  };
  let counter = 0;
  let nikSerial = 0;
  const metaAt = (ms: number): SeedMeta => ({
    id: uuidV7(ms, idPrng),
    posyanduId: options.posyanduId,
    recordedBy: { kaderId: options.kaderId, deviceId: options.deviceId },
    recordedAt: new Date(ms).toISOString(),
    hlc: formatHlc({ wallMs: ms, counter: counter++ % 100_000, node: options.deviceId }),
  });
  /** The moment a record about `date` was written: posyandu morning, never after the data's "today". */
  const momentOf = (date: string): number =>
    Math.min(Date.parse(`${date}T02:00:00.000Z`) + prng.int(0, 7200) * 1000, asOfMs);
  const registeredAt = (birthDate: string): number =>
    momentOf(
      dateOf(Math.max(Date.parse(birthDate) + 3 * DAY_MS, asOfMs - 3 * 365 * DAY_MS + prng.int(0, 60) * DAY_MS)),
    );

  const nikFor = (birthDate: string, sex: Sex): string => {
    const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
    nikSerial = (nikSerial % 9999) + 1;
    return `${AREA.districtCode}${pad(sex === 'female' ? d + 40 : d, 2)}${pad(m, 2)}${pad(y % 100, 2)}${pad(nikSerial, 4)}`;
  };
  const birthDateAtAge = (years: number): string =>
    dateOf(asOfMs - years * 365.25 * DAY_MS - prng.int(0, 364) * DAY_MS);
  const adultName = (sex: Sex): string =>
    `${prng.pick(sex === 'male' ? MALE_NAMES : FEMALE_NAMES)} ${prng.pick(SECOND_NAMES)}`;

  type PersonRecord = RecordOf<'persons'>;
  const addPerson = (fields: Omit<PersonRecord, keyof SeedMeta | 'jkn' | 'status'>): PersonRecord => {
    const person: PersonRecord = {
      ...metaAt(registeredAt(fields.birthDate)),
      ...fields,
      jkn: prng.chance(0.7) ? { member: true, kind: prng.chance(0.6) ? 'pbi' : 'non_pbi' } : { member: false },
      status: 'active',
    };
    out.persons.push(person);
    return person;
  };

  const mothers: { mother: PersonRecord; householdId: string; children: number }[] = [];
  const adults: PersonRecord[] = [];

  for (let h = 0; h < options.households; h++) {
    const headSex: Sex = prng.chance(0.9) ? 'male' : 'female';
    const headAge = prng.int(24, 72);
    const headName = adultName(headSex);
    const issued = dateOf(asOfMs - prng.int(200, 4000) * DAY_MS);
    const [iy, im, id] = issued.split('-').map(Number) as [number, number, number];
    const household: RecordOf<'households'> = {
      ...metaAt(asOfMs - 3 * 365 * DAY_MS + prng.int(0, 30) * DAY_MS),
      familyCardNumber: `${AREA.districtCode}${pad(id, 2)}${pad(im, 2)}${pad(iy % 100, 2)}${pad(h + 1, 4)}`,
      headName,
      address: {
        street: `${prng.pick(STREETS)} ${prng.int(1, 60)}`,
        provinceCode: AREA.provinceCode,
        regencyCode: AREA.regencyCode,
        districtCode: AREA.districtCode,
        villageCode: prng.pick(AREA.villageCodes),
        dusun: prng.pick(DUSUN),
        rt: pad(prng.int(1, 8), 3),
        rw: pad(prng.int(1, 4), 3),
      },
      pisPk: {
        familyPlanning: prng.chance(0.7) ? 'yes' : 'no',
        jknMember: prng.chance(0.75) ? 'yes' : 'no',
        cleanWater: prng.chance(0.9) ? 'yes' : 'no',
        healthyLatrine: prng.chance(0.8) ? 'yes' : 'no',
        noSmoker: prng.chance(0.4) ? 'yes' : 'no',
      },
    };
    out.households.push(household);
    const householdId = household.id;
    const headBirth = birthDateAtAge(headAge);
    const head = addPerson({
      householdId,
      nik: nikFor(headBirth, headSex),
      name: headName,
      sex: headSex,
      birthDate: headBirth,
      birthPlace: 'Banyumas',
      relationToHead: 'head',
      phone: prng.chance(0.6) ? `08${prng.int(11, 59)}${pad(prng.int(0, 99_999_999), 8)}` : undefined,
    });
    adults.push(head);
    /** The woman of the house, mother of its children; `mother` only while young enough for a new baby. */
    let woman: PersonRecord | null = headSex === 'female' ? head : null;
    if (headSex === 'male' && prng.chance(0.87)) {
      const spouseAge = Math.max(19, headAge - prng.int(0, 6));
      const spouseBirth = birthDateAtAge(spouseAge);
      const spouse = addPerson({
        householdId,
        nik: nikFor(spouseBirth, 'female'),
        name: adultName('female'),
        sex: 'female',
        birthDate: spouseBirth,
        relationToHead: 'spouse',
      });
      adults.push(spouse);
      woman = spouse;
    }
    const womanAge = woman ? Math.floor(monthsBetween(woman.birthDate, asOf) / 12) : 0;
    const mother = woman && womanAge <= 42 ? woman : null;
    const olderChildren = woman && womanAge >= 25 ? prng.int(0, 3) : prng.int(0, 2);
    for (let c = 0; c < olderChildren; c++) {
      const maxAge = woman ? Math.min(womanAge - 19, 25) : 18;
      if (maxAge < 5) break;
      const sex: Sex = prng.chance(0.5) ? 'male' : 'female';
      const birth = birthDateAtAge(prng.int(5, maxAge));
      const child = addPerson({
        householdId,
        nik: nikFor(birth, sex),
        name: `${prng.pick(sex === 'male' ? MALE_NAMES : FEMALE_NAMES)} ${prng.pick(SECOND_NAMES)}`,
        sex,
        birthDate: birth,
        relationToHead: 'child',
        motherId: woman?.id,
      });
      if (monthsBetween(birth, asOf) >= 15 * 12) adults.push(child);
    }
    if (prng.chance(0.1)) {
      const sex: Sex = prng.chance(0.6) ? 'female' : 'male';
      const birth = birthDateAtAge(Math.min(90, headAge + prng.int(22, 30)));
      adults.push(
        addPerson({
          householdId,
          nik: nikFor(birth, sex),
          name: adultName(sex),
          sex,
          birthDate: birth,
          relationToHead: 'parent',
        }),
      );
    }
    if (mother) mothers.push({ mother, householdId, children: 0 });
  }

  const underFives = Math.min(options.underFives ?? Math.round(options.households * 0.3), mothers.length * 2);
  for (let u = 0; u < underFives; u++) {
    const slot = mothers[u % mothers.length];
    if (!slot) break;
    const sex: Sex = prng.chance(0.5) ? 'male' : 'female';
    const birth = dateOf(asOfMs - prng.int(10, 59 * 30) * DAY_MS);
    const child = addPerson({
      householdId: slot.householdId,
      // Most babies get their NIK within months; the youngest often have none yet.
      nik: monthsBetween(birth, asOf) > 6 || prng.chance(0.5) ? nikFor(birth, sex) : undefined,
      name: `${prng.pick(sex === 'male' ? CHILD_MALE_NAMES : CHILD_FEMALE_NAMES)} ${prng.pick(SECOND_NAMES)}`,
      sex,
      birthDate: birth,
      birthPlace: 'Banyumas',
      relationToHead: 'child',
      motherId: slot.mother.id,
    });
    // Most families keep the Buku KIA from the birth (SKDN's K). Decided by the id's hash, not the PRNG, so every
    // other seeded value stays what the seed tests pin.
    if (hashSeed(child.id) % 100 < 85) child.kiaBook = { owned: true, notedOn: child.recordedAt.slice(0, 10) };
    slot.children++;
    addChildHistory(prng, out, child, asOf, metaAt, momentOf);
  }

  addPregnancies(prng, out, mothers, asOf, metaAt, momentOf);
  addScreenings(prng, out, adults, asOf, metaAt, momentOf);
  return out;
}

export type { GeneratedPosyandu } from './seed-calendar.ts';

/** FNV-1a, to turn the seed and the posyandu into one 32-bit seed. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
