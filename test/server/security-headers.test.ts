import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHost, loadConfig } from '../../server/src/config.ts';
import { startServer, type RunningServer } from '../../server/src/start-server.ts';
import { getTls, selfSignedCertificate } from './support/self-signed.ts';

describe('security headers over plain HTTP', () => {
  const dist = mkdtempSync(join(tmpdir(), 'posyandu-headers-dist-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-headers-data-'));
  let server: RunningServer;

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="id"></html>');
    server = await startServer({ port: 0, dataDir, staticDir: dist });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the app a same-origin CSP that forbids framing, and no referrer, powerful features or HSTS', async () => {
    for (const path of ['/', '/daftar/xyz']) {
      const headers = (await fetch(`${server.url}${path}`)).headers;
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('permissions-policy')).toContain('camera=()');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toBeNull();
      // The static files keep their own cache rules.
      expect(headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('marks every API answer no-store, errors included', async () => {
    const answers = [
      await fetch(`${server.url}/api/health`),
      await fetch(`${server.url}/api/ready`),
      await fetch(`${server.url}/api/v1/sync/pull`),
      await fetch(`${server.url}/api/v1/nothing`),
      await fetch(`${server.url}/api/v1/sync/push`, { method: 'POST', body: '{' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 404, 401]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('security headers under TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-headers-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds HSTS', async () => {
    const server = await startServer({ port: 0, dataDir: dir, staticDir: null, tls: selfSignedCertificate(dir) });
    try {
      const answer = await getTls(`${server.url}/api/health`);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(answer.headers['cache-control']).toBe('no-store');
    } finally {
      await server.close();
    }
  });
});

describe('HOST default', () => {
  it('is loopback over plain HTTP, every address under TLS, and HOST wins', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(defaultHost(false)).toBe('127.0.0.1');
  });
});
