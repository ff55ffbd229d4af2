/**
 * Nutritional-status categories and z-score cut-offs of Permenkes RI No. 2 Tahun 2020 (Standar Antropometri
 * Anak), as data. Each bound says whether the cut-off value itself belongs to the category, so the boundary
 * reading of the regulation ("-3 SD sd < -2 SD", "-2 SD sd +1 SD", "> +1 SD") is explicit and testable.
 * Categories are judged on the z-score rounded to 2 decimals.
 */

export interface ZBound {
  z: number;
  inclusive: boolean;
}

export interface StatusCategory {
  key: string;
  /** The regulation's own words. */
  label: string;
  min?: ZBound;
  max?: ZBound;
  /** The regulation's footnote, where it asks for a further check or a referral. */
  note?: string;
}

export type PermenkesIndexKey = 'bbu' | 'pbu' | 'bbpb' | 'imtu_0_60' | 'imtu_5_18';

export interface PermenkesIndex {
  /** Name of the index as Permenkes writes it. */
  label: string;
  /** Which WHO z-score it reads (zwei, zlen, zwfl, zbmi from anthro; zbfa from anthroplus). */
  zscore: 'zwei' | 'zlen' | 'zwfl' | 'zbmi' | 'zbfa';
  /** Ages the index applies to, in months, both ends included. */
  ageMonths: { from: number; to: number };
  categories: StatusCategory[];
}

export interface AnthropometryStandard {
  version: string;
  source: string;
  indices: Record<PermenkesIndexKey, PermenkesIndex>;
}

const below = (z: number): ZBound => ({ z, inclusive: false });
const atMost = (z: number): ZBound => ({ z, inclusive: true });
const atLeast = (z: number): ZBound => ({ z, inclusive: true });
const above = (z: number): ZBound => ({ z, inclusive: false });

/** BB/PB-BB/TB and IMT/U for 0-60 months share these six categories. */
const WASTING_CATEGORIES: StatusCategory[] = [
  { key: 'gizi_buruk', label: 'Gizi buruk', max: below(-3) },
  { key: 'gizi_kurang', label: 'Gizi kurang', min: atLeast(-3), max: below(-2) },
  { key: 'gizi_baik', label: 'Gizi baik (normal)', min: atLeast(-2), max: atMost(1) },
  { key: 'berisiko_gizi_lebih', label: 'Berisiko gizi lebih', min: above(1), max: atMost(2) },
  { key: 'gizi_lebih', label: 'Gizi lebih', min: above(2), max: atMost(3) },
  { key: 'obesitas', label: 'Obesitas', min: above(3) },
];

export const PERMENKES_2_2020: AnthropometryStandard = {
  version: 'permenkes-2-2020',
  source:
    'Peraturan Menteri Kesehatan RI No. 2 Tahun 2020 tentang Standar Antropometri Anak, Pasal 4 dan Lampiran ' +
    '"Kategori dan Ambang Batas Status Gizi Anak" (hukor.kemkes.go.id/uploads/produk_hukum/' +
    'PMK_No__2_Th_2020_ttg_Standar_Antropometri_Anak.pdf)',
  indices: {
    bbu: {
      label: 'BB/U',
      zscore: 'zwei',
      ageMonths: { from: 0, to: 60 },
      categories: [
        { key: 'bb_sangat_kurang', label: 'Berat badan sangat kurang', max: below(-3) },
        { key: 'bb_kurang', label: 'Berat badan kurang', min: atLeast(-3), max: below(-2) },
        { key: 'bb_normal', label: 'Berat badan normal', min: atLeast(-2), max: atMost(1) },
        {
          key: 'risiko_bb_lebih',
          label: 'Risiko berat badan lebih',
          min: above(1),
          note: 'Mungkin ada masalah pertumbuhan; pastikan dengan BB/PB-BB/TB atau IMT/U.',
        },
      ],
    },
    pbu: {
      label: 'PB/U atau TB/U',
      zscore: 'zlen',
      ageMonths: { from: 0, to: 60 },
      categories: [
        { key: 'sangat_pendek', label: 'Sangat pendek', max: below(-3) },
        { key: 'pendek', label: 'Pendek', min: atLeast(-3), max: below(-2) },
        { key: 'normal', label: 'Normal', min: atLeast(-2), max: atMost(3) },
        {
          key: 'tinggi',
          label: 'Tinggi',
          min: above(3),
          note: 'Jarang menjadi masalah, kecuali dicurigai gangguan endokrin: rujuk.',
        },
      ],
    },
    bbpb: { label: 'BB/PB atau BB/TB', zscore: 'zwfl', ageMonths: { from: 0, to: 60 }, categories: WASTING_CATEGORIES },
    imtu_0_60: { label: 'IMT/U', zscore: 'zbmi', ageMonths: { from: 0, to: 60 }, categories: WASTING_CATEGORIES },
    imtu_5_18: {
      label: 'IMT/U',
      zscore: 'zbfa',
      ageMonths: { from: 60, to: 216 },
      categories: [
        { key: 'gizi_buruk', label: 'Gizi buruk', max: below(-3) },
        { key: 'gizi_kurang', label: 'Gizi kurang', min: atLeast(-3), max: below(-2) },
        { key: 'gizi_baik', label: 'Gizi baik (normal)', min: atLeast(-2), max: atMost(1) },
        { key: 'gizi_lebih', label: 'Gizi lebih', min: above(1), max: atMost(2) },
        { key: 'obesitas', label: 'Obesitas', min: above(2) },
      ],
    },
  },
};
