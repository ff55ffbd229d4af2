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
