import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryPublicKeySchema, type RecoveryPublicKey } from '../../protocol/index.ts';
import { revealRecoveryCode } from '../../server/src/services/device-recovery.ts';
import { readRecoveryKey, recoveryKeyPath } from '../../server/src/services/recovery-key.ts';
import { encryptRecoveryCode, newRecoveryCode } from '../../src/storage/recovery-keys.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('PIN recovery code upload on %s', (kind) => {
  let server: TestServer;
  let phone: TestDevice;
  let key: RecoveryPublicKey;

  beforeAll(async () => {
    server = await startTestServer(kind);
    phone = await enrollDevice(server);
    const device = await fetch(`${server.url}/api/v1/device`, { headers: { Authorization: `Bearer ${phone.token}` } });
    key = RecoveryPublicKeySchema.parse(((await device.json()) as { recovery: unknown }).recovery);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const upload = (body: unknown, token: string | null = phone.token) =>
    fetch(`${server.url}/api/v1/device/recovery`, {
      method: 'POST',
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function validUpload(code: string, recoveryId = 'recovery-id-0000000001') {
    return { v: 1, keyId: key.keyId, recoveryId, ciphertext: await encryptRecoveryCode(code, key) };
  }

  it('makes the key pair at first start, private key readable by the owner only, public key to the device', () => {
    const file = recoveryKeyPath(server.database.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readRecoveryKey(server.database.dataDir)?.publicKey).toEqual(key);
    expect(key.alg).toBe('RSA-OAEP-256');
  });

  it('refuses an upload without a device token, or with a wrong one, and stores nothing', async () => {
    const body = await validUpload(newRecoveryCode());
    expect((await upload(body, null)).status).toBe(401);
    expect((await upload(body, 'not-a-token-of-any-device-0123456789')).status).toBe(401);
    expect(await server.store.getDeviceRecovery(phone.deviceId)).toBeNull();
  });

  it('refuses malformed, unknown-field, oversized and wrong-key uploads with a reason, storing nothing', async () => {
    const good = await validUpload(newRecoveryCode());
    const cases: [unknown, number][] = [
      ['{"v":1,', 400],
      [{ ...good, code: 'R in clear' }, 400],
      [{ ...good, ciphertext: 'x'.repeat(701) }, 400],
      [{ ...good, ciphertext: 'not base64url!' }, 400],
      [{ ...good, recoveryId: 'short' }, 400],
      [{ ...good, v: 2 }, 400],
      [JSON.stringify({ ...good, pad: 'x'.repeat(3_000) }), 413],
      [{ ...good, keyId: 'another-key-id-000' }, 409],
    ];
    for (const [body, status] of cases) {
      const answer = await upload(body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await answer.json()) as { message: string }).message.length).toBeGreaterThan(10);
    }
    expect(await server.store.getDeviceRecovery(phone.deviceId)).toBeNull();
  });

  it('stores the encrypted R (never R), reveals it once, audited, and a rotated R replaces it', async () => {
    const code = newRecoveryCode();
    expect((await upload(await validUpload(code))).status).toBe(200);
    const row = await server.store.getDeviceRecovery(phone.deviceId);
    expect(row?.ciphertext).not.toContain(code);
    const privateKey = readRecoveryKey(server.database.dataDir);
    if (!privateKey) throw new Error('no key');
    const actor = { username: 'admin-cli', address: null };
    const shown = await revealRecoveryCode(server.store, privateKey, phone.deviceId, actor, new Date());
    expect(shown.recoveryCode.replaceAll('-', '')).toBe(code);
    expect(shown.recoveryCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await server.store.listAudit()).filter((a) => a.action === 'recover-device')).toMatchObject([
      { target: phone.deviceId, username: 'admin-cli' },
    ]);
    // Spent: a second showing needs --again (and is audited too).
    await expect(revealRecoveryCode(server.store, privateKey, phone.deviceId, actor, new Date())).rejects.toThrow(
      /--again/,
    );
    const again = await revealRecoveryCode(server.store, privateKey, phone.deviceId, actor, new Date(), true);
    expect(again.recoveryCode).toBe(shown.recoveryCode);

    const next = newRecoveryCode();
    expect((await upload(await validUpload(next, 'recovery-id-0000000002'))).status).toBe(200);
    const rotated = await revealRecoveryCode(server.store, privateKey, phone.deviceId, actor, new Date());
    expect(rotated.recoveryCode.replaceAll('-', '')).toBe(next);
    expect((await server.store.listAudit()).filter((a) => a.action === 'recover-device')).toHaveLength(3);
  });
});
