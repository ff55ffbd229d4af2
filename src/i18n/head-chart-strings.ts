/**
 * The head-circumference (LK/U) chart on the person page, in plain Indonesian.
 * Part of the catalogue (spread there); kept in its own file so each stays readable.
 */
export const HEAD_CHART_STRINGS_ID = {
  chart_headTitle: 'Lingkar kepala menurut umur (LK/U)',
  chart_headAxis: 'Lingkar kepala (cm)',
  chart_headNormal: 'Lingkar kepala normal untuk umurnya.',
  chart_headSmall: 'Lingkar kepala terlalu kecil (di bawah garis -2). Rujuk ke puskesmas.',
  chart_headLarge: 'Lingkar kepala terlalu besar (di atas garis +2). Rujuk ke puskesmas.',
  chart_headLatest: 'Pengukuran lingkar kepala terakhir {date}: {value}',
  chart_headNoTable:
    'Grafik lingkar kepala belum bisa ditampilkan: tabel lingkar kepala WHO belum dipasang di aplikasi ini. ' +
    'Lingkar kepala tetap dicatat dan terlihat di riwayat.',
};
