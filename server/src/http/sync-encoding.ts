import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Context } from 'hono';

// Gzipped pushes, for the pustu's wifi: a push of 1,000 changes is about 570 KB of JSON and 120 KB gzipped. A push
// may come gzipped (Content-Encoding), which the push answer advertises (Accept-Encoding, RFC 7694), so a phone
// compresses only against a server that said it can read it (docs/sync-protocol.md, "Compression"). Answers are
// gzipped by gzip-answers.ts.

const gunzipAsync = promisify(gunzip);

/** The content codings a push may arrive in, as the push answer's Accept-Encoding names them. */
export const PUSH_ENCODINGS = 'gzip';

export type PushText =
  { ok: true; text: string } | { ok: false; status: 413 | 415 | 400; reason: 'too-large' | 'unsupported' | 'corrupt' };

/**
 * A push body as text. Its wire size is bounded before this (bodyLimit); a gzipped body is bounded again as it
 * is inflated, by `maxBytes` of JSON, so that a small body cannot grow into gigabytes.
 */
export async function readPushText(c: Context, maxBytes: number): Promise<PushText> {
  const coding = (c.req.header('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return { ok: true, text: await c.req.text() };
  if (coding !== 'gzip') return { ok: false, status: 415, reason: 'unsupported' };
  const compressed = Buffer.from(await c.req.arrayBuffer());
  try {
    const inflated = await gunzipAsync(compressed, { maxOutputLength: maxBytes });
    return { ok: true, text: inflated.toString('utf8') };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, status: 413, reason: 'too-large' };
    return { ok: false, status: 400, reason: 'corrupt' };
  }
}
