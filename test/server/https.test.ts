import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/start-server.ts';

/** A throwaway self-signed certificate, as a puskesmas would make for its own LAN. */
function selfSignedCertificate(dir: string): { cert: Buffer; key: Buffer } {
  const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

function getJson(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    // The test's own self-signed certificate: trusted here on purpose.
    const req = request(url, { rejectUnauthorized: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS, for phones on the puskesmas LAN', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the API over TLS when given a certificate and key', async () => {
    const server = await startServer({ port: 0, dataDir: dir, staticDir: null, tls: selfSignedCertificate(dir) });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await getJson(`${server.url}/api/health`);
      expect(health).toEqual({
        status: 200,
        body: expect.objectContaining({ status: 'ok', database: 'sqlite' }) as unknown,
      });
    } finally {
      await server.close();
    }
  });
});
