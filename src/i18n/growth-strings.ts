/**
 * Growth monitoring strings (KMS chart, status words for mothers, re-measure prompts), in plain Indonesian.
 * Kept apart until the lead merges catalogues; `{name}` marks a value filled in by fillIn().
 */
export const GROWTH_STRINGS_ID = {
  weightChartTitle: 'Grafik berat badan menurut umur (KMS)',
  lengthChartTitle: 'Grafik panjang/tinggi badan menurut umur',
  ageAxis: 'Umur (bulan)',
  weightAxis: 'Berat (kg)',
  lengthAxis: 'Panjang/tinggi (cm)',
  redLine: 'Garis merah',
  chartBoy: 'Anak laki-laki',
  chartGirl: 'Anak perempuan',
  legendNaik: 'N = naik',
  legendTidakNaik: 'T = tidak naik',
  noMeasurements: 'Belum ada hasil penimbangan untuk digambar.',
  tablesMissing:
    'Tabel pertumbuhan WHO belum terpasang di HP ini, jadi grafik dan status gizi belum bisa ditampilkan. Hubungi petugas puskesmas.',

  kmsN: 'Naik',
  kmsT: 'Tidak naik',
  kmsO: 'Bulan lalu tidak ditimbang',
  kmsB: 'Baru pertama ditimbang',
  kms2T: 'Dua kali tidak naik',
  kmsBgm: 'Di bawah garis merah',

  statusN: 'Berat badan anak naik bulan ini. Bagus, teruskan makan bergizi dan datang lagi bulan depan.',
  statusT:
    'Berat badan anak tidak naik bulan ini. Kader akan memberi saran makan, dan anak perlu dilihat petugas kesehatan.',
  status2T: 'Dua bulan berturut-turut berat badan anak tidak naik. Anak perlu dibawa ke puskesmas.',
  statusO: 'Bulan lalu anak tidak ditimbang, jadi belum bisa dilihat naik atau tidak. Datang lagi bulan depan, ya.',
  statusB: 'Ini penimbangan pertama di posyandu. Bulan depan kita lihat apakah berat badan naik.',
  statusBgm: 'Berat badan anak di bawah garis merah (sangat kurang). Anak perlu segera dibawa ke puskesmas.',
  statusOedema: 'Ada bengkak (oedema) pada anak. Anak perlu segera dibawa ke puskesmas.',
  statusOlder: 'Anak sudah berumur 5 tahun atau lebih; KMS balita tidak dipakai lagi.',

  weightNormal: 'Berat badan sesuai dengan umurnya.',
  weightLow: 'Berat badan kurang untuk umurnya.',
  weightVeryLow: 'Berat badan sangat kurang untuk umurnya.',
  weightHigh: 'Berat badan di atas rata-rata anak seumurnya; petugas akan memeriksa apakah berlebih.',
  lengthNormal: 'Panjang/tinggi badan sesuai dengan umurnya.',
  lengthShort: 'Anak pendek untuk umurnya. Perlu makan bergizi dan diperiksa petugas kesehatan.',
  lengthVeryShort: 'Anak sangat pendek untuk umurnya. Perlu diperiksa petugas kesehatan.',
  lengthTall: 'Anak sangat tinggi untuk umurnya; petugas kesehatan akan memeriksa.',

  latestMeasurement: 'Penimbangan terakhir {date}: {value}',

  reMeasureTitle: 'Periksa lagi sebelum disimpan',
  reMeasureKeep: 'Sudah diukur ulang, nilainya benar. Simpan.',
  reMeasureAgain: 'Ukur ulang',
  who_flag_weight_for_age: 'Berat badan sangat jauh dari wajar untuk umur ini. Timbang ulang.',
  who_flag_length_for_age: 'Panjang/tinggi badan sangat jauh dari wajar untuk umur ini. Ukur ulang.',
  who_flag_weight_for_length: 'Berat badan tidak cocok dengan panjang/tinggi badannya. Timbang dan ukur ulang.',
  who_flag_bmi_for_age: 'Berat dan panjang/tinggi badan tidak cocok untuk umur ini. Timbang dan ukur ulang.',
  standing_under_nine_months: 'Anak di bawah 9 bulan diukur berbaring (panjang badan), bukan berdiri. Ukur ulang.',
  weight_loss: 'Berat turun banyak dari penimbangan {previousDate} ({previous} kg). Timbang ulang.',
  weight_far_from_previous: 'Berat jauh berbeda dari penimbangan {previousDate}. Timbang ulang.',
  length_decrease: 'Panjang/tinggi lebih kecil dari pengukuran {previousDate} ({previous} cm). Ukur ulang.',
  length_far_from_previous: 'Panjang/tinggi jauh berbeda dari pengukuran {previousDate}. Ukur ulang.',

  attribution: 'Standar Pertumbuhan Anak WHO 2006 dan Referensi WHO 2007 — World Health Organization.',
} as const;

export type GrowthStringKey = keyof typeof GROWTH_STRINGS_ID;
export type GrowthStrings = Record<GrowthStringKey, string>;

/** Replaces each {name} with its value; unknown names stay visible so a gap is noticed. */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
