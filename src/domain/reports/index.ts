// The monthly posyandu report, pure: the phone computes it from its own records, the server from a posyandu's,
// a desa's or a puskesmas's.
export { monthlyReport, MONTHLY_FIGURES, MONTHLY_REPORT_VERSION, type MonthlyReport } from './monthly-report.ts';
export { AGE_BANDS, SKDN_FIGURES, SKDN_VERSION, type SkdnResult } from './skdn.ts';
export type { ReportInput, ReportPerson } from './report-input.ts';
export { currentEvents, growthReportOptions, reportInputFrom, type PosyanduRecords } from './report-records.ts';
export { sumReports } from './report-sum.ts';
