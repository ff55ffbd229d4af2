import { acceptsCoding } from '../../protocol/content-coding.ts';

// Whether a push body goes gzipped. A batch of 1,000 changes is about 570 KB of JSON and 120 KB gzipped: on the
// pustu's wifi (a few Mbit/s) that is seconds a batch saved. But a phone gzips at some 10-40 MB/s, so on a link
// faster than that (a LAN, loopback) compressing costs more time than it saves. So a phone compresses when the
// server said it reads gzip (the push answer's Accept-Encoding, RFC 7694) and the last push showed a link slower
// than FAST_LINK_BYTES_PER_MS; the link's speed is the last push's bytes over its round trip less the time the
// server says it spent (Server-Timing). Until a big enough push has measured the link, pushes go plain; a body
// is encoded while the batch before it is on the wire, so the batch after a measuring one goes plain too.

/** What the phone knows of the server and the link from its last push answer; kept for the engine's life. */
export interface PushLink {
  /** Compression allowed at all (the engine's option; a bench's plain variant turns it off). */
  enabled: boolean;
  /** The server reads gzipped pushes. */
  gzipAccepted: boolean;
  /** Bytes a millisecond the last push moved on the wire; null until one was measured. */
  bytesPerMs: number | null;
}

export const newPushLink = (enabled = true): PushLink => ({ enabled, gzipAccepted: false, bytesPerMs: null });

/** 8 MB/s (64 Mbit/s): on a faster link gzip's time on a cheap phone outweighs the 80% of the bytes it saves. */
export const FAST_LINK_BYTES_PER_MS = 8_000;

/**
 * Only a push this big measures the link: a small one's round trip is mostly the link's latency, which makes a
 * fast link look slow, and compressing a small body saves little time on any link.
 */
export const MIN_MEASURED_BYTES = 64 * 1024;

export interface EncodedBody {
  /** The JSON, kept to send it again plain after a 415. */
  text: string;
  body: string | Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  /** Bytes on the wire (the JSON's length for a plain body: ASCII but for a few names). */
  wireBytes: number;
}

export function shouldCompress(link: PushLink): boolean {
  return (
    link.enabled &&
    link.gzipAccepted &&
    link.bytesPerMs !== null &&
    link.bytesPerMs < FAST_LINK_BYTES_PER_MS &&
    typeof CompressionStream === 'function'
  );
}

export async function encodePushBody(link: PushLink, text: string): Promise<EncodedBody> {
  if (text.length < MIN_MEASURED_BYTES || !shouldCompress(link)) return plainBody(text);
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const body = new Uint8Array(await new Response(stream).arrayBuffer());
  return { text, body, headers: { 'Content-Encoding': 'gzip' }, wireBytes: body.byteLength };
}

export function plainBody(text: string): EncodedBody {
  return { text, body: text, headers: {}, wireBytes: text.length };
}

/** Learns from a push answer: whether the server reads gzip, and how fast the link moved `wireBytes`. */
export function observePushAnswer(link: PushLink, headers: Headers, wireBytes: number, roundTripMs: number): void {
  link.gzipAccepted = acceptsCoding(headers.get('Accept-Encoding'), 'gzip');
  const serverMs = Number(/(?:^|,)\s*apply;dur=([\d.]+)/.exec(headers.get('Server-Timing') ?? '')?.[1]);
  if (!Number.isFinite(serverMs) || wireBytes < MIN_MEASURED_BYTES / 5) return;
  link.bytesPerMs = wireBytes / Math.max(1, roundTripMs - serverMs);
}
