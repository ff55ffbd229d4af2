import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeEnrollmentCode } from '../../protocol/index.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/start-server.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-admin-test-'));

async function admin(...args: string[]) {
  return run('npx', ['tsx', 'server/src/admin-cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

describe('admin CLI', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a posyandu and a device, one JSON line each, and the token works against the server', async () => {
    const posyandu = await admin('create-posyandu', '--name', 'Posyandu Kenanga');
    const posyanduLines = posyandu.stdout.trimEnd().split('\n');
    expect(posyanduLines).toHaveLength(1);
    const { posyanduId } = JSON.parse(posyanduLines[0] ?? '') as { posyanduId: string };
    expect(posyanduId).toMatch(/^[0-9a-f-]{36}$/);

    const device = await admin('create-device', '--posyandu', posyanduId, '--kader', 'Ibu Sri');
    const deviceLines = device.stdout.trimEnd().split('\n');
    expect(deviceLines).toHaveLength(1);
    const created = JSON.parse(deviceLines[0] ?? '') as { deviceId: string; token: string; enrollmentCode: string };
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(decodeEnrollmentCode(created.enrollmentCode)).toMatchObject({
      deviceId: created.deviceId,
      token: created.token,
      posyanduId,
      posyanduName: 'Posyandu Kenanga',
      kaderName: 'Ibu Sri',
    });

    const server = await startServer({ port: 0, dataDir, staticDir: null });
    try {
      const response = await fetch(`${server.url}/api/v1/device`, {
        headers: { Authorization: `Bearer ${created.token}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ deviceId: created.deviceId, posyanduName: 'Posyandu Kenanga' });
    } finally {
      await server.close();
    }
  });

  it('creates a one-time enrollment code a phone exchanges once, and revokes the device it became', async () => {
    const posyandu = await admin('create-posyandu', '--name', 'Posyandu Mawar');
    const { posyanduId } = JSON.parse(posyandu.stdout) as { posyanduId: string };
    const created = await admin('create-enrollment', '--posyandu', posyanduId, '--kader', 'Ibu Ani');
    const { enrollmentCode, expiresAt } = JSON.parse(created.stdout) as { enrollmentCode: string; expiresAt: string };
    expect(enrollmentCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // A day by default.
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const server = await startServer({ port: 0, dataDir, staticDir: null });
    let deviceId = '';
    let token = '';
    try {
      const exchange = await fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        body: JSON.stringify({ code: enrollmentCode }),
      });
      expect(exchange.status).toBe(200);
      ({ deviceId, token } = (await exchange.json()) as { deviceId: string; token: string });
    } finally {
      await server.close();
    }
    const server2 = await startServer({ port: 0, dataDir, staticDir: null });
    const householdId = '01960f6a-8c00-7a1b-8c2d-3e4f5a6b7c8d';
    try {
      const record = {
        id: householdId,
        posyanduId,
        recordedBy: { kaderId: 'someone-else', deviceId },
        recordedAt: '2026-03-01T08:00:00.000Z',
        hlc: `001772352000000:00000:${deviceId}`,
        headName: 'Budi',
        address: {
          provinceCode: '33',
          regencyCode: '3302',
          districtCode: '330201',
          villageCode: '3302012001',
          rt: '1',
          rw: '1',
        },
      };
      const pushed = await fetch(`${server2.url}/api/v1/sync/push`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          protocolVersion: 1,
          deviceId,
          batchId: 'b1',
          changes: [{ changeId: 'c1', table: 'households', op: 'upsert', record }],
        }),
      });
      expect(pushed.status).toBe(200);
    } finally {
      await server2.close();
    }
    const history = await admin('history', '--table', 'households', '--id', householdId);
    expect(JSON.parse(history.stdout)).toMatchObject({ versions: [{ deviceId, changeId: 'c1', op: 'upsert' }] });

    const revoked = await admin('revoke-device', '--device', deviceId);
    expect(JSON.parse(revoked.stdout)).toEqual({ deviceId, revoked: true });

    const after = await startServer({ port: 0, dataDir, staticDir: null });
    try {
      const response = await fetch(`${after.url}/api/v1/device`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    } finally {
      await after.close();
    }
  });

  it('fails with a reason on stderr and nothing on stdout for a missing posyandu or flag', async () => {
    const missing = admin('create-device', '--posyandu', '00000000-0000-4000-8000-000000000000', '--kader', 'X');
    await expect(missing).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('tidak ditemukan'),
    });
    const noName = admin('create-posyandu');
    await expect(noName).rejects.toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--name') });
  });
});
