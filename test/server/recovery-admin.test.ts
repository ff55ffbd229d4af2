import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { RecoveryPublicKeySchema } from '../../protocol/index.ts';
import { startServer } from '../../server/src/start-server.ts';
import { encryptRecoveryCode, newRecoveryCode } from '../../src/storage/recovery-keys.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-recovery-admin-'));

async function admin(...args: string[]) {
  return run('npx', ['tsx', 'server/src/admin-cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}
const json = (out: { stdout: string }) => JSON.parse(out.stdout) as Record<string, unknown>;

describe('admin create-recovery-key and recover-device', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes the key once (0600), and prints a device R once, audited; again only with --again', async () => {
    const made = json(await admin('create-recovery-key'));
    expect(made).toMatchObject({ created: true });
    expect(statSync(String(made.file)).mode & 0o777).toBe(0o600);
    // Never replaced: every uploaded R is encrypted to it.
    expect(json(await admin('create-recovery-key'))).toMatchObject({ keyId: made.keyId, created: false });

    const { posyanduId } = json(await admin('create-posyandu', '--name', 'Posyandu Dahlia'));
    const { deviceId, token } = json(
      await admin('create-device', '--posyandu', String(posyanduId), '--kader', 'Ibu Sri'),
    );
    const code = newRecoveryCode();
    const server = await startServer({ port: 0, dataDir, staticDir: null });
    try {
      const auth = { Authorization: `Bearer ${String(token)}` };
      const device = (await (await fetch(`${server.url}/api/v1/device`, { headers: auth })).json()) as {
        recovery: unknown;
      };
      const key = RecoveryPublicKeySchema.parse(device.recovery);
      expect(key.keyId).toBe(made.keyId);
      const body = { v: 1, keyId: key.keyId, recoveryId: 'phone-recovery-0001', ciphertext: '' };
      body.ciphertext = await encryptRecoveryCode(code, key);
      const answer = await fetch(`${server.url}/api/v1/device/recovery`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
      expect(answer.status).toBe(200);
    } finally {
      await server.close();
    }

    const shown = await admin('recover-device', '--device', String(deviceId));
    expect(shown.stdout.trimEnd().split('\n')).toHaveLength(1);
    const { recoveryCode } = json(shown);
    expect(String(recoveryCode).replaceAll('-', '')).toBe(code);
    await expect(admin('recover-device', '--device', String(deviceId))).rejects.toMatchObject({
      stderr: expect.stringMatching(/sudah ditampilkan/),
    });
    expect(json(await admin('recover-device', '--device', String(deviceId), '--again'))).toMatchObject({
      recoveryCode,
    });
    await expect(admin('recover-device', '--device', 'no-such-device')).rejects.toMatchObject({
      stderr: expect.stringMatching(/belum mengirim kode pemulihan/),
    });

    const after = await startServer({ port: 0, dataDir, staticDir: null });
    try {
      const audit = (await after.store.listAudit()).filter((a) => a.action === 'recover-device');
      expect(audit.map((a) => a.target)).toEqual([deviceId, deviceId]);
    } finally {
      await after.close();
    }
  }, 60_000);
});
