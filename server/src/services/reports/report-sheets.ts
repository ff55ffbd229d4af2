import { AGE_BANDS, MONTHLY_FIGURES, SKDN_FIGURES } from '../../../../src/domain/reports/index.ts';
import type { StaffReport } from './staff-reports.ts';
import type { Sheet } from './table-files.ts';

/** Indonesian row names of the downloads, one per figure id of src/domain/reports (docs/reports.md defines them). */
const FIGURE_LABELS: Record<string, string> = {
  vitamin_a_blue: 'Vitamin A biru (100.000 IU) diberikan',
  vitamin_a_red: 'Vitamin A merah (200.000 IU) diberikan',
  iron_persons: 'Orang yang mendapat tablet tambah darah (TTD)',
  iron_tablets: 'Tablet tambah darah diberikan',
  births: 'Kelahiran',
  ptm_screened: 'Skrining PTM (15 tahun ke atas)',
  ptm_hypertension: 'PTM: tekanan darah tinggi (≥ 140/90)',
  ptm_diabetes: 'PTM: gula darah diduga diabetes',
  ptm_obesity: 'PTM: obesitas (IMT)',
  tb_screened: 'Skrining gejala TBC',
  tb_presumptive: 'Terduga TBC',
  mental_screened: 'Skrining kesehatan jiwa (SRQ-20)',
  mental_refer: 'SRQ-20 perlu dirujuk',
  elderly_served: 'Lansia dilayani (60 tahun ke atas)',
  referrals_made: 'Rujukan dibuat',
  referrals_with_outcome: 'Hasil rujukan dicatat',
  home_visits: 'Kunjungan rumah',
};

const SKDN_LABELS: Record<string, string> = {
  S: 'S: balita di wilayah',
  K: 'K: balita punya KMS/Buku KIA',
  D: 'D: balita ditimbang',
  N: 'N: naik berat badannya',
  T: 'T: tidak naik',
  O: 'O: tidak ditimbang bulan lalu',
  B: 'B: baru pertama ditimbang',
  '2T': '2T: dua kali tidak naik',
  BGM: 'BGM: di bawah garis merah',
};

const SEXES = { male: 'laki-laki', female: 'perempuan' } as const;
const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);

export const REPORT_COLUMNS = ['kelompok', 'kode', 'uraian', 'jumlah'] as const;

/** The whole report as one table (the CSV, and the XLSX's first sheet): group, code, Indonesian name, figure. */
export function reportSheet(answer: StaffReport): Sheet {
  const { report } = answer;
  const { skdn } = report;
  const rows: (string | number | null)[][] = [];
  for (const f of SKDN_FIGURES) rows.push(['SKDN', f, SKDN_LABELS[f] ?? f, skdn.total[f]]);
  rows.push(['SKDN', 'BGM_unknown', 'BGM tidak dapat dinilai (tabel WHO/edema)', skdn.bgmUnknown]);
  const ratios = [
    ['K/S', skdn.ratios.KS],
    ['D/S', skdn.ratios.DS],
    ['N/D', skdn.ratios.ND],
    ['N/S', skdn.ratios.NS],
    ['D/K', skdn.ratios.DK],
  ] as const;
  for (const [code, ratio] of ratios) rows.push(['SKDN (%)', code, `${code} dalam persen`, percent(ratio)]);
  for (const sex of ['male', 'female'] as const) {
    for (const band of AGE_BANDS) {
      for (const f of SKDN_FIGURES) {
        rows.push([`SKDN ${SEXES[sex]} ${band} bulan`, f, SKDN_LABELS[f] ?? f, skdn.bySexAndBand[sex][band][f]]);
      }
    }
  }
  for (const f of MONTHLY_FIGURES)
    rows.push(['Layanan', f.id, FIGURE_LABELS[f.id] ?? f.definition, report.figures[f.id] ?? 0]);
  const counted = (group: string, label: string, counts: Readonly<Record<string, number>>) => {
    for (const [code, n] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))
      rows.push([group, code, `${label} ${code}`, n]);
  };
  counted('Imunisasi', 'Dosis', report.immunizationsByVaccine);
  counted('Kunjungan', 'Kontak', report.contacts);
  counted('Lansia', 'Kemandirian (Barthel)', report.elderlyDependence);
  counted('Rujukan', 'Hasil rujukan', report.referralOutcomes);
  return { name: 'Laporan', columns: REPORT_COLUMNS, rows };
}

/** The SKDN table the way the paper form draws it: one row per sex and age band. */
export function skdnSheet(answer: StaffReport): Sheet {
  const { skdn } = answer.report;
  const rows: (string | number)[][] = [];
  for (const sex of ['male', 'female'] as const) {
    for (const band of AGE_BANDS)
      rows.push([SEXES[sex], band, ...SKDN_FIGURES.map((f) => skdn.bySexAndBand[sex][band][f])]);
  }
  rows.push(['jumlah', '0-59', ...SKDN_FIGURES.map((f) => skdn.total[f])]);
  return { name: 'SKDN', columns: ['jenis_kelamin', 'umur_bulan', ...SKDN_FIGURES], rows };
}

/** A file name that says what it holds: laporan-<scope>-<month>. */
export function reportFileName(answer: StaffReport, ext: string): string {
  const what = answer.scope.kind === 'puskesmas' ? 'puskesmas' : `${answer.scope.kind}-${answer.scope.label}`;
  return `laporan-${what}-${answer.month}.${ext}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
}
