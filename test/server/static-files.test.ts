import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings } from '../../server/src/http/content-encoding.ts';
import { serveStaticApp } from '../../server/src/http/static-files.ts';
import { precompressDir } from '../../scripts/precompress-assets.ts';

const SCRIPT = `export const strings = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `Timbang anak ke-${i}`))};\n`;

describe('static files, precompressed at build time', () => {
  const dist = mkdtempSync(join(tmpdir(), 'posyandu-precompressed-'));
  let app: Hono;
  beforeAll(() => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), `<!doctype html><html lang="id">${'<p>Posyandu</p>'.repeat(100)}</html>`);
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), SCRIPT);
    writeFileSync(join(dist, 'assets', 'tiny-1.css'), 'body{}');
    writeFileSync(join(dist, 'assets', 'icon-1.png'), Buffer.alloc(4096, 7));
    const summary = precompressDir(dist);
    // index.html and the script; the tiny stylesheet and the image are left alone.
    expect(summary.files).toBe(2);
    expect(summary.brotliBytes).toBeLessThan(summary.gzipBytes);
    app = new Hono();
    app.get('*', serveStaticApp(dist));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const get = (path: string, acceptEncoding?: string) =>
    app.request(path, acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } });

  it('sends brotli when accepted, gzip otherwise, the plain file to a client that takes neither', async () => {
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBody).toString()).toBe(SCRIPT);
    expect(Number(br.headers.get('content-length'))).toBe(brBody.length);

    const gz = await get('/assets/index-abc123.js', 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SCRIPT);

    const refused = await get('/assets/index-abc123.js', 'br;q=0, gzip;q=0');
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(refused.headers.get('vary')).toBe('Accept-Encoding');
    expect(await refused.text()).toBe(SCRIPT);
    expect((await get('/assets/index-abc123.js')).headers.get('content-encoding')).toBeNull();

    // Each encoding has its own validator, so a cached gzip copy is never revalidated as the brotli one.
    expect(br.headers.get('etag')).not.toBe(gz.headers.get('etag'));
    const again = await app.request('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('compresses the app shell too, also when it answers an app route, and keeps it revalidated', async () => {
    const route = await get('/daftar/abc', 'br');
    expect(route.headers.get('content-encoding')).toBe('br');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(brotliDecompressSync(Buffer.from(await route.arrayBuffer())).toString()).toContain('<html lang="id">');
  });

  it('leaves files without copies alone, with no Vary', async () => {
    const css = await get('/assets/tiny-1.css', 'br');
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(css.headers.get('vary')).toBeNull();
    expect(await css.text()).toBe('body{}');
    expect((await get('/assets/icon-1.png', 'br')).headers.get('content-encoding')).toBeNull();
  });

  it('answers /robots.txt with a robots file, and a missing file with 404 rather than the app shell', async () => {
    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/\n/);
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\nDisallow: /api/\n');
    expect(await (await get('/robots.txt')).text()).toBe('User-agent: *\nDisallow: /api/\n');
    expect((await get('/sitemap.xml')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
  });
});

describe('Accept-Encoding', () => {
  it('follows q-values and the wildcard', () => {
    expect([...acceptedEncodings('gzip, br')]).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('br;q=0, *')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*;q=0.5, gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings('identity')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
    expect([...acceptedEncodings('GZIP;Q=1.0')]).toEqual(['gzip']);
  });
});
