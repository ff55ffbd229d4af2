import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEnrollmentCode } from '../../protocol/index.ts';
import { enrollmentHosts } from '../../server/src/enrollment-hosts.ts';
import { startServer } from '../../server/src/start-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs `npm start` as its own process until the listening line; resolves with the URL and everything printed. */
function startMain(
  args: string[],
  env: Record<string, string>,
): {
  ready: Promise<{ url: string; output: string }>;
  exited: Promise<{ code: number | null; output: string }>;
  stop(): void;
} {
  // node with tsx's loader rather than npx: the child is the server itself, so killing it leaves no orphan.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', SKIP_APP_BUILD: '1', DATABASE_URL: '', NODE_ENV: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  const ready = new Promise<{ url: string; output: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in:\n${output}`)), 25_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], output });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${output}`));
    });
  });
  ready.catch(() => undefined);
  return { ready, exited, stop: () => child.kill('SIGTERM') };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-start-test-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'posyandu-start-empty-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('creates demo data when asked (--demo), prints how to enroll, then the listening line', async () => {
    const main = startMain(['--demo'], { DATA_DIR: dataDir });
    try {
      const { url, output } = await main.ready;
      const port = new URL(url).port;
      const link = new RegExp(`http://localhost:${port}/#/daftar/([A-Za-z0-9_-]+)`).exec(output);
      expect(link).not.toBeNull();
      const enrollment = decodeEnrollmentCode(link?.[1] ?? '');
      expect(enrollment).toMatchObject({ posyanduName: 'Posyandu Melati (demo)', kaderName: 'Kader Demo' });
      const device = await fetch(`${url}/api/v1/device`, {
        headers: { Authorization: `Bearer ${enrollment?.token}` },
      });
      expect(device.status).toBe(200);
      expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    } finally {
      main.stop();
    }
  });

  it('creates no demo data unless asked, and says loudly how to get it', async () => {
    const main = startMain([], { DATA_DIR: emptyDir });
    try {
      const { output } = await main.ready;
      expect(output).not.toContain('#/daftar/');
      expect(output).toContain('Belum ada posyandu');
      expect(output).toContain('--demo');
    } finally {
      main.stop();
    }
  });

  it('refuses demo data when NODE_ENV=production', async () => {
    const main = startMain(['--demo'], { DATA_DIR: emptyDir, NODE_ENV: 'production' });
    const { code, output } = await main.exited;
    expect(code).toBe(1);
    expect(output).toContain('NODE_ENV=production');
  });
});

describe('the enrollment links of the start message', () => {
  const lan = ['192.168.1.20', '10.0.0.7'];

  it('lists every LAN address only when the server listens on all of them', () => {
    expect(enrollmentHosts('0.0.0.0', lan)).toEqual(['localhost', ...lan]);
    expect(enrollmentHosts('::', lan)).toEqual(['localhost', ...lan]);
  });

  it('prints only links that can work when bound to loopback or to one address', () => {
    expect(enrollmentHosts('127.0.0.1', lan)).toEqual(['localhost']);
    expect(enrollmentHosts('localhost', lan)).toEqual(['localhost']);
    expect(enrollmentHosts('::1', lan)).toEqual(['localhost']);
    expect(enrollmentHosts('192.168.1.20', lan)).toEqual(['192.168.1.20']);
  });

  it('with HOST=127.0.0.1, npm start prints no LAN link', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-start-loopback-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SKIP_APP_BUILD: '1',
        DATABASE_URL: '',
        DEMO: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/^listening on /m.test(output)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
      const links = [...output.matchAll(/^\s+(https?:\/\/[^/\s]+)\/#\/daftar\//gm)].map(
        (m) => new URL(m[1] ?? '').hostname,
      );
      expect(links).toEqual(['localhost']);
    } finally {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('static app serving', () => {
  const dist = mkdtempSync(join(tmpdir(), 'posyandu-dist-test-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves content types and cache rules, and falls back to index.html for app routes', async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="id"></html>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'export {};');
    writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
    const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-static-data-'));
    const server = await startServer({ port: 0, dataDir, staticDir: dist });
    try {
      const get = (path: string) => fetch(`${server.url}${path}`);
      const index = await get('/');
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(index.headers.get('cache-control')).toBe('no-cache');
      const sw = await get('/sw.js');
      expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      const js = await get('/assets/index-abc123.js');
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await get('/assets/index-abc123.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await get('/manifest.webmanifest')).headers.get('content-type')).toMatch(/^application\/manifest\+json/);
      const route = await get('/daftar/xyz');
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('<html lang="id">');
      expect((await get('/assets/missing-999.js')).status).toBe(404);
      const climb = await get('/..%2f..%2fetc%2fpasswd');
      expect(await climb.text()).toContain('<html lang="id">'); // the SPA shell, never the file
      expect((await get('/api/v1/nothing')).status).toBe(404);
      const etag = index.headers.get('etag') ?? '';
      expect((await fetch(`${server.url}/`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
