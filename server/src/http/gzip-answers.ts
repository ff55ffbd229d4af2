import type { Context, MiddlewareHandler } from 'hono';
import { acceptsCoding } from '../../../protocol/content-coding.ts';
import { gzipText } from '../gzip-text.ts';

// JSON answers gzipped for a client that accepts gzip: a pulled page of 1,000 records is about 600 KB of JSON and
// 75 KB gzipped, for the pustu's wifi; a staff list alike, for the puskesmas's own line (docs/sync-protocol.md,
// "Compression").

/** Smaller answers are sent as they are: the gzip header and a round through zlib cost more than they save. */
const MIN_COMPRESSED_BYTES = 1024;

async function gzippedIfWorthIt(c: Context, text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  c.header('Vary', 'Accept-Encoding');
  if (text.length < MIN_COMPRESSED_BYTES || !acceptsCoding(c.req.header('Accept-Encoding'), 'gzip')) {
    return null;
  }
  return gzipText(text);
}

/** A JSON answer (200), gzipped when the client accepts gzip and it is worth it. */
export async function jsonAnswer(c: Context, value: unknown): Promise<Response> {
  const text = JSON.stringify(value);
  const gzipped = await gzippedIfWorthIt(c, text);
  if (!gzipped) return c.body(text, 200, { 'Content-Type': 'application/json' });
  return c.body(gzipped, 200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
}

/** The same for the JSON answers of routes that answer with c.json (the staff API). */
export function gzipJsonAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const answer = c.res;
    const json = /^application\/json\b/i.test(answer.headers.get('Content-Type') ?? '');
    if (!json || !answer.body || answer.headers.has('Content-Encoding') || c.req.method === 'HEAD') return;
    // A client that takes no gzip gets the answer as it is, unread.
    if (!acceptsCoding(c.req.header('Accept-Encoding'), 'gzip')) {
      c.header('Vary', 'Accept-Encoding');
      return;
    }
    const text = await answer.text();
    const gzipped = await gzippedIfWorthIt(c, text);
    const headers = new Headers(answer.headers);
    headers.set('Vary', 'Accept-Encoding');
    headers.delete('Content-Length');
    if (gzipped) headers.set('Content-Encoding', 'gzip');
    c.res = new Response(gzipped ?? text, { status: answer.status, headers });
  };
}
