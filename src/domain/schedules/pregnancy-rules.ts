/**
 * Pregnancy rules as data: due-date rule, trimester boundaries, antenatal contact distribution, KEK cut-off,
 * iron-tablet target and the Buku KIA danger signs. The app may pass an alternative object (e.g. the 2-1-3
 * distribution or 14/28-week trimesters some texts use).
 */

export interface PregnancyRules {
  readonly version: string;
  readonly source: string;
  /** Naegele: LMP + 280 days. */
  readonly gestationDays: number;
  /** First gestational week (completed weeks) of trimester 2 and of trimester 3. */
  readonly trimester2FromWeek: number;
  readonly trimester3FromWeek: number;
  /** Where the antenatal contact windows end: the due date (40 weeks) or later. */
  readonly lastContactWeek: number;
  /** Minimum antenatal contacts per trimester, in order: K1.. are numbered across trimesters. */
  readonly contactsPerTrimester: readonly [number, number, number];
  /** Upper-arm circumference below this is KEK (chronic energy deficiency). */
  readonly kekMuacBelowCm: number;
  readonly ironTabletTarget: number;
  /** Service codes (Service.service) that count as iron-folic acid tablets. */
  readonly ironServiceCodes: readonly string[];
  readonly unconfirmed: readonly string[];
}

export const PREGNANCY_RULES: PregnancyRules = {
  version: 'PMK-21-2021/r1',
  source:
    'Permenkes 21/2021 (ANC at least 6 contacts, 1-2-3 by trimester; T1 0-12 wk, T2 >12-24 wk, T3 >24-40 wk); ' +
    'Naegele rule HPHT + 280 days; KEK LiLA < 23.5 cm (SIP WUS register, bumil KEK); TTD >= 90 tablets ' +
    '(ilp-kader-reference §2.8, §4.4, §5.1).',
  gestationDays: 280,
  trimester2FromWeek: 13,
  trimester3FromWeek: 25,
  lastContactWeek: 40,
  contactsPerTrimester: [1, 2, 3],
  kekMuacBelowCm: 23.5,
  ironTabletTarget: 90,
  ironServiceCodes: ['ttd', 'iron_folic_acid'],
  unconfirmed: ['contactsPerTrimester (1-2-3 vs 2-1-3)', 'trimester2FromWeek/trimester3FromWeek (13/25 vs 14/28)'],
};

export type DangerSignContext = 'pregnancy' | 'postpartum' | 'newborn';

export interface DangerSign {
  readonly code: string;
  readonly context: DangerSignContext;
  /** Indonesian, as the Buku KIA words it for mothers. */
  readonly label: string;
  readonly unconfirmed?: boolean;
}

export interface DangerSignList {
  readonly version: string;
  readonly source: string;
  readonly signs: readonly DangerSign[];
}

export const BUKU_KIA_DANGER_SIGNS: DangerSignList = {
  version: 'buku-kia-2023/r2',
  source:
    'Buku KIA (Kemenkes 2023) danger signs as listed in ilp-kader-reference §5.2, with the newborn signs of ' +
    'repeated vomiting and pale stool (stool colour card, CKG newborn) and the postpartum pre-eclampsia signs ' +
    '(issue 9); the rest of the postpartum list is UNCONFIRMED in detail.',
  signs: [
    { code: 'preg_bleeding', context: 'pregnancy', label: 'Perdarahan dari jalan lahir' },
    {
      code: 'preg_swelling_headache_seizure',
      context: 'pregnancy',
      label: 'Bengkak di wajah, tangan atau kaki disertai sakit kepala dan/atau kejang',
    },
    { code: 'preg_high_fever', context: 'pregnancy', label: 'Demam tinggi' },
    { code: 'preg_waters_break_early', context: 'pregnancy', label: 'Air ketuban keluar sebelum waktunya' },
    { code: 'preg_reduced_fetal_movement', context: 'pregnancy', label: 'Gerakan janin berkurang atau tidak ada' },
    { code: 'preg_persistent_vomiting', context: 'pregnancy', label: 'Muntah terus dan tidak mau makan' },
    {
      code: 'pp_heavy_bleeding',
      context: 'postpartum',
      label: 'Perdarahan banyak dari jalan lahir',
      unconfirmed: true,
    },
    {
      code: 'pp_foul_discharge',
      context: 'postpartum',
      label: 'Keluar cairan berbau dari jalan lahir',
      unconfirmed: true,
    },
    { code: 'pp_fever', context: 'postpartum', label: 'Demam', unconfirmed: true },
    { code: 'pp_breast_pain', context: 'postpartum', label: 'Payudara bengkak, merah dan sakit', unconfirmed: true },
    { code: 'pp_depression', context: 'postpartum', label: 'Sedih, murung atau gangguan jiwa', unconfirmed: true },
    { code: 'pp_seizure', context: 'postpartum', label: 'Kejang', unconfirmed: true },
    // Pre-eclampsia can start after the birth, up to the end of nifas (Buku KIA 2023, nifas danger signs).
    {
      code: 'pp_preeclampsia',
      context: 'postpartum',
      label: 'Sakit kepala hebat, pandangan kabur, atau bengkak di wajah, tangan atau kaki',
    },
    { code: 'pp_breathless', context: 'postpartum', label: 'Sesak napas atau dada sakit', unconfirmed: true },
    { code: 'nb_not_feeding', context: 'newborn', label: 'Tidak mau menyusu' },
    { code: 'nb_seizure', context: 'newborn', label: 'Kejang' },
    { code: 'nb_lethargic', context: 'newborn', label: 'Lemah, tidak bergerak' },
    {
      code: 'nb_fast_breathing',
      context: 'newborn',
      label: 'Napas cepat (60 kali/menit atau lebih) atau dada tertarik ke dalam',
    },
    { code: 'nb_grunting', context: 'newborn', label: 'Merintih' },
    { code: 'nb_umbilical_infection', context: 'newborn', label: 'Tali pusat kemerahan, bernanah atau berbau' },
    { code: 'nb_temperature', context: 'newborn', label: 'Suhu badan lebih dari 37,5 °C atau kurang dari 36,5 °C' },
    { code: 'nb_eye_pus', context: 'newborn', label: 'Mata bernanah' },
    { code: 'nb_diarrhoea', context: 'newborn', label: 'Diare' },
    { code: 'nb_repeated_vomiting', context: 'newborn', label: 'Muntah terus-menerus' },
    // Pale (putty-coloured) stool is the sign of biliary atresia the Buku KIA stool colour card screens for.
    { code: 'nb_pale_stool', context: 'newborn', label: 'Tinja (kotoran) berwarna pucat seperti dempul' },
    {
      code: 'nb_jaundice',
      context: 'newborn',
      label: 'Kulit dan mata kuning dalam 24 jam pertama atau lebih dari 14 hari',
    },
  ],
};

export interface DangerSignAssessment {
  /** Any known sign present: refer at once. */
  readonly urgentReferral: boolean;
  readonly signs: readonly DangerSign[];
  /** Codes not in the list: kept out of the decision, shown so a typo does not hide silently. */
  readonly unknownCodes: readonly string[];
  /** A ready Referral.reason (Indonesian). */
  readonly referralReason?: string;
}

export function assessDangerSigns(
  codes: readonly string[],
  list: DangerSignList = BUKU_KIA_DANGER_SIGNS,
): DangerSignAssessment {
  const unique = [...new Set(codes)];
  const signs = list.signs.filter((sign) => unique.includes(sign.code));
  const unknownCodes = unique.filter((code) => !list.signs.some((sign) => sign.code === code));
  if (signs.length === 0) return { urgentReferral: false, signs, unknownCodes };
  return {
    urgentReferral: true,
    signs,
    unknownCodes,
    referralReason: `Tanda bahaya: ${signs.map((sign) => sign.label).join('; ')}`,
  };
}
