// The report endpoints of the staff API (server/src/http/staff-report-routes.ts), kept apart from api.ts.
import type { MonthlyReport } from '../domain/reports/index.ts';
import { call } from './api.ts';

/** Which report: the whole puskesmas, one desa, or one posyandu. */
export type ReportChoice = { kind: 'puskesmas' } | { kind: 'desa'; desa: string } | { kind: 'posyandu'; id: string };

export interface StaffReport {
  scope: { kind: ReportChoice['kind']; label: string; posyandus: { id: string; name: string; desa: string | null }[] };
  month: string;
  growthTables: boolean;
  report: MonthlyReport;
}

function search(choice: ReportChoice, month: string): string {
  const params = new URLSearchParams({ month });
  if (choice.kind === 'desa') params.set('desa', choice.desa);
  if (choice.kind === 'posyandu') params.set('posyandu', choice.id);
  return params.toString();
}

export const reportApi = {
  monthly: (choice: ReportChoice, month: string) =>
    call<StaffReport>('GET', `/reports/monthly?${search(choice, month)}`),
};

/** Download addresses: plain links (GET, the session cookie goes by itself), so the browser saves the file. */
export const downloads = {
  report: (choice: ReportChoice, month: string, format: 'csv' | 'xlsx') =>
    `/api/staff/reports/monthly/file/${format}?${search(choice, month)}`,
  byName: (posyanduId: string, kind: 'anthropometry' | 'immunizations', month: string, format: 'csv' | 'xlsx') =>
    `/api/staff/posyandus/${encodeURIComponent(posyanduId)}/exports/${kind}/${format}?month=${month}`,
  fhir: (posyanduId: string, month: string) =>
    `/api/staff/posyandus/${encodeURIComponent(posyanduId)}/fhir?month=${month}`,
};
