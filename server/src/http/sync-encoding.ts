import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { acceptedEncodings } from './content-encoding.ts';

// Compression on the sync API, for the pustu's wifi: a push of 1,000 changes is about 570 KB of JSON and 120 KB
// gzipped, and a pulled page shrinks alike. Pulls are answered gzipped to a client that accepts it; a push may come
// gzipped (Content-Encoding), which the push answer advertises (Accept-Encoding, RFC 7694), so a phone compresses
// only against a server that said it can read it (docs/sync-protocol.md, "Compression").

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/** Smaller answers are sent as they are: the gzip header and a round through zlib cost more than they save. */
const MIN_COMPRESSED_BYTES = 1024;

/**
 * The fastest level: a pulled page compresses about 4x at level 1 and 5x at 6, at several times the CPU, and
 * the server answers 200 phones at once on two cores.
 */
const GZIP_LEVEL = 1;

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

/** A JSON answer, gzipped when the client accepts gzip and it is worth it. */
export async function jsonAnswer(c: Context, value: unknown): Promise<Response> {
  const text = JSON.stringify(value);
  c.header('Vary', 'Accept-Encoding');
  if (text.length < MIN_COMPRESSED_BYTES || !acceptedEncodings(c.req.header('Accept-Encoding')).has('gzip')) {
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  }
  const body = await gzipAsync(Buffer.from(text, 'utf8'), {
    level: GZIP_LEVEL,
    strategy: constants.Z_DEFAULT_STRATEGY,
  });
  return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), 200, {
    'Content-Type': 'application/json',
    'Content-Encoding': 'gzip',
  });
}
