import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';
import { acceptedEncodings, PRECOMPRESSED } from './content-encoding.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
};

/**
 * Hashed files under /assets/ never change, so browsers may keep them for a year; everything else (index.html,
 * sw.js, the manifest) must be revalidated, or a phone would keep an old service worker and never update.
 */
function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Served when the build has no robots.txt of its own: the app holds health records behind an enrollment link,
 * and there is nothing in it for a search engine (and a crawled enrollment link must never become a result).
 */
const DEFAULT_ROBOTS = 'User-agent: *\nDisallow: /\n';

/** A request for a file of these kinds that does not exist is a 404, never the app shell in its place. */
const FILE_LIKE = /\.(txt|xml|ico|png|jpe?g|gif|svg|webp|js|mjs|css|map|json|webmanifest|woff2?|wasm)$/i;

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="id"><meta charset="utf-8"><title>Posyandu ILP</title>' +
  '<p>Aplikasi belum dibangun. Jalankan <code>npm run build</code> lalu muat ulang halaman ini.</p></html>';

async function fileAt(root: string, urlPath: string): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(root, decoded));
  // A path that climbs out of dist/ (../) is treated as missing, never read.
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** The best precompressed copy the client accepts, or null for the plain file. */
async function precompressedCopy(root: string, urlPath: string, acceptEncoding: string | undefined) {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const { encoding, suffix } of PRECOMPRESSED) {
    if (!accepted.has(encoding)) continue;
    const file = await fileAt(root, urlPath + suffix);
    if (file) return { encoding, file };
  }
  return null;
}

/**
 * Serves the built app from `root`, with the SPA fallback to index.html for unknown paths outside /assets/ that
 * do not name a file. A file the build precompressed (name.br, name.gz next to it) goes out in the best encoding
 * the client accepts, with `Vary: Accept-Encoding` so that no cache hands brotli to a client that cannot read it.
 */
export function serveStaticApp(root: string) {
  const normalizedRoot = normalize(root);
  return async (c: Context): Promise<Response> => {
    const urlPath = new URL(c.req.url).pathname;
    let file = urlPath.endsWith('/') ? null : await fileAt(normalizedRoot, urlPath);
    let servedPath = urlPath;
    if (!file) {
      if (urlPath === '/robots.txt') {
        return c.text(DEFAULT_ROBOTS, 200, { 'Cache-Control': 'public, max-age=86400' });
      }
      if (urlPath.startsWith('/assets/') || FILE_LIKE.test(urlPath)) return c.text('Tidak ditemukan.', 404);
      // The puskesmas web app has its own page; everything else falls back to the kader app.
      servedPath = /^\/puskesmas(\/|$)/.test(urlPath) ? '/puskesmas.html' : '/index.html';
      file = await fileAt(normalizedRoot, servedPath);
      if (!file) return c.html(NOT_BUILT_PAGE, 503);
    }
    const copy = await precompressedCopy(normalizedRoot, servedPath, c.req.header('Accept-Encoding'));
    const sent = copy?.file ?? file;
    const tag = `${sent.size.toString(16)}-${Math.floor(sent.mtimeMs).toString(16)}${copy ? `-${copy.encoding}` : ''}`;
    const etag = `W/"${tag}"`;
    const headers: Record<string, string> = {
      'Content-Type': CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': cacheControlFor(servedPath),
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (copy) headers['Content-Encoding'] = copy.encoding;
    // Any file the build compressed varies by encoding, whichever copy this client gets.
    if (copy || (await hasPrecompressedCopy(normalizedRoot, servedPath))) headers.Vary = 'Accept-Encoding';
    if (c.req.header('If-None-Match') === etag) return new Response(null, { status: 304, headers });
    headers['Content-Length'] = String(sent.size);
    if (c.req.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(new Uint8Array(await readFile(sent.path)), { status: 200, headers });
  };
}

async function hasPrecompressedCopy(root: string, urlPath: string): Promise<boolean> {
  for (const { suffix } of PRECOMPRESSED) if (await fileAt(root, urlPath + suffix)) return true;
  return false;
}
