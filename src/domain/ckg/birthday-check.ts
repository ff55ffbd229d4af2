import { addDays, addMonths, completedYears, monthOf } from '../dates/calendar.ts';

/**
 * Cek Kesehatan Gratis (CKG), the birthday scheme: a person may come from the birthday to 30 days after it, with
 * a package by age and sex. Ages 7-17 are checked at school each school year instead. Data, versioned.
 */
export interface CkgPackageBand {
  readonly fromYears: number;
  /** Inclusive; null: no upper bound. */
  readonly toYears: number | null;
  readonly items: readonly CkgItem[];
}

export interface CkgItem {
  readonly code: string;
  readonly fromYears?: number;
  readonly toYears?: number;
  readonly sex?: 'male' | 'female';
}

export interface CkgRules {
  readonly version: string;
  readonly source: string;
  /** Days after the birthday the check may still be done (the birthday is day 0). */
  readonly windowDays: number;
  readonly schoolFromYears: number;
  readonly schoolToYears: number;
  readonly bands: readonly CkgPackageBand[];
  /** Service.service recorded when the kader learns the check was done. */
  readonly serviceCode: string;
  readonly unconfirmed: readonly string[];
}

const ADULT_ITEMS: readonly CkgItem[] = [
  { code: 'smoking' },
  { code: 'physical_activity' },
  { code: 'nutrition_bmi_waist' },
  { code: 'blood_pressure' },
  { code: 'blood_glucose' },
  { code: 'teeth' },
  { code: 'tb' },
  { code: 'mental_health' },
  { code: 'hearing_vision' },
  { code: 'hepatitis' },
  { code: 'cardio_kidney_risk', fromYears: 40 },
  { code: 'copd_puma', fromYears: 40 },
  { code: 'breast_cervical_cancer', fromYears: 30, sex: 'female' },
  { code: 'lung_cancer', fromYears: 45, sex: 'male' },
  { code: 'colorectal_cancer', fromYears: 45 },
];

export const CKG_BIRTHDAY_RULES: CkgRules = {
  version: 'KMK-33-2025/r2',
  source:
    'KMK HK.01.07/MENKES/33/2025 (CKG from 10 Feb 2025): birthday to 30 days after; ages 0-6 and >= 18 at the ' +
    'puskesmas, 7-17 at school; packages per ilp-kader-reference §2.10.',
  windowDays: 30,
  schoolFromYears: 7,
  schoolToYears: 17,
  serviceCode: 'ckg_birthday',
  bands: [
    {
      // The newborn package (CKG bayi baru lahir, reference §2.10): screened at the facility around day 2, so the
      // window opened by the birth itself lists it; the kader checks the Buku KIA and sends those who missed it.
      fromYears: 0,
      toYears: 0,
      items: [
        { code: 'birth_weight' },
        { code: 'shk' },
        { code: 'g6pd' },
        { code: 'cah' },
        { code: 'pjb_kritis' },
        { code: 'stool_colour' },
      ],
    },
    {
      fromYears: 1,
      toYears: 1,
      items: [{ code: 'growth' }, { code: 'development' }, { code: 'tb' }, { code: 'ears_eyes' }, { code: 'teeth' }],
    },
    {
      fromYears: 2,
      toYears: 6,
      items: [
        { code: 'growth' },
        { code: 'development' },
        { code: 'tb' },
        { code: 'ears_eyes' },
        { code: 'teeth' },
        { code: 'thalassaemia', toYears: 2 },
        { code: 'blood_glucose', toYears: 2 },
      ],
    },
    { fromYears: 18, toYears: 59, items: ADULT_ITEMS },
    { fromYears: 60, toYears: null, items: [...ADULT_ITEMS, { code: 'geriatric' }] },
  ],
  unconfirmed: [
    'items of the age-1 package beyond growth',
    'the newborn package as the window of the birth itself (birth to 30 days), not a birthday',
  ],
};

export interface BirthdayCheck {
  /** The birthday that opens the window (29 Feb falls on 28 Feb in common years). */
  readonly birthday: string;
  readonly windowTo: string;
  /** Age in completed years on the birthday. */
  readonly ageYears: number;
  readonly status: 'open' | 'upcoming' | 'closed';
  readonly items: readonly string[];
  readonly done: boolean;
}

export interface CkgSubject {
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly services?: readonly { readonly date: string; readonly service: string }[];
}

/** The birthday window that matters on `date`: the one open now, else the next one. Null for school ages. */
export function birthdayCheck(
  subject: CkgSubject,
  date: string,
  rules: CkgRules = CKG_BIRTHDAY_RULES,
): BirthdayCheck | null {
  const years = completedYears(subject.birthDate, date);
  // The window opened by the last birthday may still be open; otherwise the next birthday's is the one ahead.
  const lastOpen = addDays(addMonths(subject.birthDate, years * 12), rules.windowDays) >= date;
  const ageYears = lastOpen ? years : years + 1;
  const birthday = addMonths(subject.birthDate, ageYears * 12);
  const to = addDays(birthday, rules.windowDays);
  if (ageYears >= rules.schoolFromYears && ageYears <= rules.schoolToYears) return null;
  const band = rules.bands.find((b) => ageYears >= b.fromYears && (b.toYears === null || ageYears <= b.toYears));
  if (!band) return null;
  const items = band.items
    .filter((item) => (item.fromYears ?? 0) <= ageYears && (item.toYears ?? Infinity) >= ageYears)
    .filter((item) => !item.sex || item.sex === subject.sex)
    .map((item) => item.code);
  const done = (subject.services ?? []).some(
    (s) => s.service === rules.serviceCode && s.date >= birthday && s.date <= to,
  );
  const status = date < birthday ? 'upcoming' : date <= to ? 'open' : 'closed';
  return { birthday, windowTo: to, ageYears, status, items, done };
}

/** Open today, or opening later this calendar month. */
export function dueThisMonth(check: BirthdayCheck, date: string): boolean {
  if (check.status === 'open') return true;
  return check.status === 'upcoming' && monthOf(check.birthday) === monthOf(date);
}

/**
 * Who has the birthday check due this month, from each person's check as the assessment found it: a window open
 * today, or a birthday still to come this month. Done ones are kept, last, so the kader sees the month complete.
 */
export function dueBirthdayChecks<T>(
  entries: readonly { readonly person: T; readonly check: BirthdayCheck | null | undefined }[],
  date: string,
): { readonly person: T; readonly check: BirthdayCheck }[] {
  const out: { person: T; check: BirthdayCheck }[] = [];
  for (const { person, check } of entries) if (check && dueThisMonth(check, date)) out.push({ person, check });
  return out.sort(
    (a, b) => Number(a.check.done) - Number(b.check.done) || a.check.birthday.localeCompare(b.check.birthday),
  );
}
