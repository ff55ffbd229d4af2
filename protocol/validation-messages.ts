/**
 * The plain-words sentence for each validation key the schemas raise. Indonesian first; the app shows these at
 * the field, the server puts them in a rejected change's `error.message`.
 */
export const VALIDATION_MESSAGES = {
  id_format: { id: 'Kode data tidak sah.', en: 'Invalid record id.' },
  date_required: { id: 'Tanggal belum diisi. Pilih tanggalnya.', en: 'Enter the date.' },
  date_format: { id: 'Tanggal tidak sah. Tulis tanggal yang benar.', en: 'Not a valid date.' },
  date_range: {
    id: 'Tanggal di luar batas wajar (tahun 1900 sampai satu tahun ke depan).',
    en: 'Date out of range (1900 to one year ahead).',
  },
  datetime_format: { id: 'Waktu tidak sah.', en: 'Not a valid time.' },
  hlc_format: { id: 'Cap waktu data tidak sah.', en: 'Invalid clock stamp.' },
  name_required: { id: 'Nama wajib diisi.', en: 'Name is required.' },
  sex_required: { id: 'Pilih jenis kelamin.', en: 'Choose the sex.' },
  relation_required: { id: 'Pilih hubungan dengan kepala keluarga.', en: 'Choose the relation to the head.' },
  nik_format: { id: 'NIK harus 16 angka yang sah.', en: 'NIK must be 16 valid digits.' },
  nik_birth_date: {
    id: 'NIK tidak cocok dengan tanggal lahir. Periksa lagi NIK atau tanggal lahir.',
    en: 'The NIK does not match the birth date.',
  },
  nik_sex: { id: 'NIK tidak cocok dengan jenis kelamin.', en: 'The NIK does not match the sex.' },
  birth_date_future: { id: 'Tanggal lahir tidak boleh di masa depan.', en: 'Birth date cannot be in the future.' },
  child_older_than_mother: {
    id: 'Anak tidak mungkin lebih tua dari ibunya. Periksa tanggal lahir.',
    en: 'A child cannot be older than its mother.',
  },
  mother_not_female: { id: 'Ibu harus perempuan.', en: 'The mother must be female.' },
  mother_not_found: { id: 'Data ibu tidak ditemukan. Pilih ibu dari daftar.', en: 'The mother was not found.' },
  invalid_value: { id: 'Isian tidak sah.', en: 'Invalid value.' },
  family_card_format: { id: 'Nomor KK harus 16 angka.', en: 'Family card number must be 16 digits.' },
  province_code: { id: 'Kode provinsi 2 angka.', en: 'Province code is 2 digits.' },
  regency_code: { id: 'Kode kabupaten/kota 4 angka.', en: 'Regency code is 4 digits.' },
  district_code: { id: 'Kode kecamatan 6 angka.', en: 'District code is 6 digits.' },
  village_code: { id: 'Kode desa/kelurahan 10 angka.', en: 'Village code is 10 digits.' },
  area_codes_mismatch: {
    id: 'Kode wilayah tidak berurutan (desa harus di dalam kecamatan, kabupaten, provinsi).',
    en: 'Area codes do not nest.',
  },
  rt_required: { id: 'RT belum diisi. Tulis nomor RT, contoh 3.', en: 'Enter the RT number, e.g. 3.' },
  rt_format: { id: 'RT ditulis dengan angka saja, contoh 3.', en: 'The RT is a number, e.g. 3.' },
  rw_required: { id: 'RW belum diisi. Tulis nomor RW, contoh 1.', en: 'Enter the RW number, e.g. 1.' },
  rw_format: { id: 'RW ditulis dengan angka saja, contoh 1.', en: 'The RW is a number, e.g. 1.' },
  phone_format: { id: 'Nomor HP tidak sah (contoh 081234567890).', en: 'Invalid phone number.' },
  number_required: { id: 'Isi dengan angka.', en: 'Enter a number.' },
  weight_range: { id: 'Berat badan di luar batas wajar.', en: 'Weight out of range.' },
  length_range: { id: 'Panjang/tinggi badan di luar batas wajar.', en: 'Length/height out of range.' },
  head_range: { id: 'Lingkar kepala di luar batas wajar.', en: 'Head circumference out of range.' },
  muac_range: { id: 'LiLA di luar batas wajar.', en: 'MUAC out of range.' },
  waist_range: { id: 'Lingkar perut di luar batas wajar.', en: 'Waist out of range.' },
  vaccine_code: { id: 'Jenis imunisasi tidak dikenal.', en: 'Unknown vaccine.' },
  service_code: { id: 'Jenis layanan tidak dikenal.', en: 'Unknown service.' },
} as const satisfies Record<string, { id: string; en: string }>;

export type ValidationKey = keyof typeof VALIDATION_MESSAGES;
export type Locale = 'id' | 'en';

/** A zod issue's message is a key above, or zod's own English text for shapes no kader form can produce. */
export function describeValidation(key: string, locale: Locale = 'id'): string {
  const entry = (VALIDATION_MESSAGES as Record<string, { id: string; en: string } | undefined>)[key];
  if (entry) return entry[locale];
  return locale === 'id' ? 'Isian tidak sah.' : key;
}
