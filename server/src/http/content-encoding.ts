import { acceptsCoding } from '../../../protocol/content-coding.ts';

/** The precompressed copies the build writes next to each compressible file, best first (scripts/precompress-assets.ts). */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type PrecompressedEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

/** The precompressed encodings an `Accept-Encoding` header allows (acceptsCoding). Order among them is ours (brotli is
 * smaller), not the client's. */
export function acceptedEncodings(header: string | undefined): Set<PrecompressedEncoding> {
  return new Set(PRECOMPRESSED.map((p) => p.encoding).filter((encoding) => acceptsCoding(header, encoding)));
}
