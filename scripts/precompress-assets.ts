import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.webmanifest', '.svg', '.txt', '.xml', '.map']);

/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

export interface PrecompressSummary {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Writes `name.br` (brotli, quality 11) and `name.gz` (gzip, level 9) next to every compressible file of `dir`,
 * once, at build time: the server then sends the smallest copy the phone accepts without compressing anything
 * per request (server/src/http/static-files.ts). A copy that would not be smaller is not written.
 */
export function precompressDir(dir: string): PrecompressSummary {
  const summary: PrecompressSummary = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const path of walk(dir)) {
    if (!COMPRESSIBLE.has(extname(path).toLowerCase())) continue;
    const raw = readFileSync(path);
    if (raw.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gzip = gzipSync(raw, { level: 9 });
    if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
    summary.files += 1;
    summary.bytes += raw.length;
    summary.brotliBytes += Math.min(brotli.length, raw.length);
    summary.gzipBytes += Math.min(gzip.length, raw.length);
  }
  return summary;
}

/** Runs last, after vite-plugin-pwa has written the service worker, so sw.js gets its copies too. */
export function precompressAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'posyandu-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const s = precompressDir(outDir);
        const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
        this.info(
          `precompressed ${s.files} files: ${kb(s.bytes)} -> brotli ${kb(s.brotliBytes)}, gzip ${kb(s.gzipBytes)}`,
        );
      },
    },
  };
}
