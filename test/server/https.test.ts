import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/start-server.ts';
import { getTls, selfSignedCertificate } from './support/self-signed.ts';

describe('HTTPS, for phones on the puskesmas LAN', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the API over TLS when given a certificate and key', async () => {
    const server = await startServer({ port: 0, dataDir: dir, staticDir: null, tls: selfSignedCertificate(dir) });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await getTls(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toEqual(expect.objectContaining({ status: 'ok', database: 'sqlite' }));
    } finally {
      await server.close();
    }
  });
});
