import type { RunningServer } from '../../../server/src/start-server.ts';
import { createPosyandu, createPuskesmas } from '../../../server/src/services/devices.ts';
import { createStaff } from '../../../server/src/services/staff-accounts.ts';
import type { StaffRole } from '../../../server/src/db/staff-store.ts';

export const PASSWORD = 'kata-sandi-uji-123';

/** A browser's view of the staff API: it keeps the session cookie and sends the CSRF token on writes. */
export class StaffClient {
  cookie = '';
  csrfToken = '';
  lastSetCookie = '';

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'X-CSRF-Token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // A browser applies Set-Cookie headers in order: the last one for the name wins.
    const setCookie = response.headers.getSetCookie().at(-1);
    if (setCookie) {
      this.lastSetCookie = setCookie;
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
  }

  async signIn(username: string, password = PASSWORD) {
    const answer = await this.request('POST', '/api/staff/session', { username, password });
    if (answer.status === 200) this.csrfToken = String(answer.body.csrfToken);
    return answer;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body: unknown = {}) {
    return this.request('POST', path, body);
  }
}

export interface Puskesmas {
  puskesmasId: string;
  melati: string;
  mawar: string;
}

/** One puskesmas with two posyandu, and another puskesmas with one, for the scoping tests. */
export async function twoPuskesmas(server: RunningServer): Promise<{ own: Puskesmas; other: Puskesmas }> {
  const make = async (name: string): Promise<Puskesmas> => {
    const puskesmasId = await createPuskesmas(server.store, name);
    return {
      puskesmasId,
      melati: await createPosyandu(server.store, `Posyandu Melati ${name}`, puskesmasId),
      mawar: await createPosyandu(server.store, `Posyandu Mawar ${name}`, puskesmasId),
    };
  };
  return { own: await make('Sukamaju'), other: await make('Sukamakmur') };
}

export async function addStaff(
  server: RunningServer,
  puskesmasId: string,
  username: string,
  role: StaffRole,
  posyanduIds: string[] = [],
): Promise<string> {
  const created = await createStaff(server.store, {
    name: `Staf ${username}`,
    username,
    role,
    password: PASSWORD,
    puskesmasId,
    posyanduIds,
  });
  return created.staffId;
}
