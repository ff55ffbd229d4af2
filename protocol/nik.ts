/**
 * NIK (Nomor Induk Kependudukan): 16 digits = 6 region (province, regency, district) + DDMMYY birth date
 * (DD + 40 for women) + 4 serial digits. The embedded birth date and sex let us catch a NIK typed for the
 * wrong person before it is saved.
 */
export type Sex = 'male' | 'female';

export interface NikParts {
  regionCode: string;
  birthDay: number;
  birthMonth: number;
  birthYearTwoDigits: number;
  sex: Sex;
  serial: string;
}

export type NikProblem = 'nik_format' | 'nik_birth_date' | 'nik_sex';

export function parseNik(nik: string): NikParts | null {
  if (!/^\d{16}$/.test(nik)) return null;
  const rawDay = Number(nik.slice(6, 8));
  const sex: Sex = rawDay > 40 ? 'female' : 'male';
  const birthDay = sex === 'female' ? rawDay - 40 : rawDay;
  const birthMonth = Number(nik.slice(8, 10));
  const serial = nik.slice(12, 16);
  if (birthDay < 1 || birthDay > 31 || birthMonth < 1 || birthMonth > 12 || serial === '0000') return null;
  if (nik.slice(0, 2) === '00') return null;
  return {
    regionCode: nik.slice(0, 6),
    birthDay,
    birthMonth,
    birthYearTwoDigits: Number(nik.slice(10, 12)),
    sex,
    serial,
  };
}

/** Returns the first contradiction between a NIK and the person's own birth date (YYYY-MM-DD) and sex. */
export function checkNikAgainstPerson(nik: string, birthDate: string, sex: Sex): NikProblem | null {
  const parts = parseNik(nik);
  if (!parts) return 'nik_format';
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  if (parts.birthDay !== day || parts.birthMonth !== month || parts.birthYearTwoDigits !== year % 100) {
    return 'nik_birth_date';
  }
  if (parts.sex !== sex) return 'nik_sex';
  return null;
}
