// The staff API as the browser sees it: the session cookie travels by itself, the CSRF token goes in a header.
export type StaffRole = 'admin' | 'staff' | 'read-only';

export interface Me {
  staff: { id: string; name: string; username: string; role: StaffRole };
  puskesmasId: string;
  csrfToken: string;
}

export interface PosyanduSummary {
  id: string;
  name: string;
  desa: string | null;
  villageCode: string | null;
  households: number;
  persons: number;
  activeDevices: number;
  lastSyncAt: string | null;
}

export interface DeviceSummary {
  id: string;
  kaderName: string;
  createdAt: string;
  revokedAt: string | null;
  lastSyncAt: string | null;
  /** The phone's own last report; null until it sends one (older apps never do). */
  health?: DeviceHealthView | null;
}

export type NutritionFlag = 'gizi_buruk' | 'gizi_kurang' | 'wasting' | 'stunting' | 'underweight' | 'muac_low';

export interface FlaggedChild {
  personId: string;
  name: string;
  sex: 'male' | 'female';
  ageMonths: number;
  measuredOn: string;
  weightKg: number | null;
  lengthHeightCm: number | null;
  muacCm: number | null;
  flags: NutritionFlag[];
  implausible: boolean;
}

export interface OpenReferral {
  referralId: string;
  personId: string;
  name: string;
  date: string;
  reason: string;
  urgency: 'urgent' | 'routine';
}

export type ReferralOutcome = 'arrived' | 'examined' | 'treated' | 'referred_on' | 'did_not_come';

export interface WorkList {
  tables: 'ok' | 'missing';
  asOf: string;
  children: FlaggedChild[];
  openReferrals: OpenReferral[];
}

export interface PersonListItem {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
}

export interface StoredRecordView {
  table: string;
  id: string;
  data: Record<string, unknown>;
}

export interface PersonRecord {
  person: StoredRecordView;
  household: StoredRecordView | null;
  events: StoredRecordView[];
  history: { op: string; fields: string[] | null; receivedAt: string; deviceId?: string; kaderName?: string | null }[];
}

// Issue 11, second slice: the lists per puskesmas, desa and posyandu, and the phones' own health reports.
export const LIST_NAMES = [
  'children',
  'immunization',
  'pregnancy',
  'adults',
  'not-screened',
  'elderly',
  'referrals',
] as const;
export type ListName = (typeof LIST_NAMES)[number];
export type ListScope =
  { kind: 'puskesmas' } | { kind: 'desa'; villageCode: string } | { kind: 'posyandu'; id: string };
export type ListCounts = Record<ListName, number>;

export interface ListCountsAnswer {
  asOf: string;
  /** Rows of an earlier day (or rules) answered while the server judges them again for today. */
  refreshing?: boolean;
  tables: 'ok' | 'missing';
  counts: ListCounts;
  posyandus: { id: string; name: string; desa: string | null; villageCode: string | null; counts: ListCounts }[];
}

export interface ListReason {
  code: string;
  date: string;
  value?: number;
  value2?: number;
  urgent: boolean;
}

export interface ListRowView {
  personId: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  posyanduId: string;
  posyanduName: string;
  desa: string | null;
  reasons: ListReason[];
  referral?: { id: string; reason: string; destination: string };
}

export interface ListAnswer {
  asOf: string;
  refreshing?: boolean;
  tables: 'ok' | 'missing';
  list: ListName;
  total: number;
  rows: ListRowView[];
}

export interface DeviceHealthView {
  reportedAt: string;
  appVersion: string | null;
  pendingChanges: number | null;
  rejectedChanges: number | null;
  storageUsedBytes: number | null;
  storageQuotaBytes: number | null;
}

function scopeQuery(scope: ListScope): string {
  if (scope.kind === 'desa') return `?desa=${encodeURIComponent(scope.villageCode)}`;
  if (scope.kind === 'posyandu') return `?posyandu=${encodeURIComponent(scope.id)}`;
  return '';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function rememberCsrfToken(token: string): void {
  csrfToken = token;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/staff${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, json.code ?? 'unknown', json.message ?? response.statusText);
  return json as T;
}

export const api = {
  me: () => call<Me>('GET', '/session'),
  signIn: (username: string, password: string) => call<Me>('POST', '/session', { username, password }),
  signOut: () => call<void>('DELETE', '/session'),
  posyandus: () => call<{ posyandus: PosyanduSummary[] }>('GET', '/posyandus'),
  createPosyandu: (input: Record<string, string>) => call<{ posyanduId: string }>('POST', '/posyandus', input),
  devices: (posyanduId: string) => call<{ devices: DeviceSummary[] }>('GET', `/posyandus/${posyanduId}/devices`),
  enroll: (posyanduId: string, kaderName: string) =>
    call<{ deviceId: string; enrollmentCode: string }>('POST', `/posyandus/${posyanduId}/devices`, { kaderName }),
  revoke: (deviceId: string) => call<{ device: DeviceSummary }>('POST', `/devices/${deviceId}/revoke`),
  workList: (posyanduId: string) => call<WorkList>('GET', `/posyandus/${posyanduId}/work-list`),
  persons: (posyanduId: string) => call<{ persons: PersonListItem[] }>('GET', `/posyandus/${posyanduId}/persons`),
  person: (personId: string) => call<PersonRecord>('GET', `/persons/${personId}`),
  recordOutcome: (referralId: string, input: { outcome: ReferralOutcome; date: string; notes: string }) =>
    call<{ outcomeId: string }>('POST', `/referrals/${referralId}/outcome`, input),
  listCounts: (scope: ListScope) => call<ListCountsAnswer>('GET', `/lists${scopeQuery(scope)}`),
  list: (list: ListName, scope: ListScope) => call<ListAnswer>('GET', `/lists/${list}${scopeQuery(scope)}`),
  // Issue 11: a posyandu corrected after creation, and the dusun list the server keeps for its phones.
  posyandu: (id: string) => call<{ posyandu: PosyanduDetail }>('GET', `/posyandus/${id}`),
  editPosyandu: (id: string, input: Omit<PosyanduDetail, 'id'>) =>
    call<{ posyandu: PosyanduDetail }>('PUT', `/posyandus/${id}`, input),
  setDusun: (id: string, dusun: string[]) =>
    call<{ posyandu: PosyanduDetail }>('PUT', `/posyandus/${id}/dusun`, { dusun }),
};

/** A posyandu as its area tab edits it: name, desa, Kemendagri codes and dusun. */
export interface PosyanduDetail {
  id: string;
  name: string;
  desa: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  dusun: string[];
}
