/** The precompressed copies the build writes next to each compressible file, best first (scripts/precompress-assets.ts). */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type PrecompressedEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

/**
 * The encodings an `Accept-Encoding` header allows, by the header's own rules: `q=0` refuses one, `*` stands for
 * any not named. Order among the accepted ones is ours (brotli is smaller), not the client's.
 */
export function acceptedEncodings(header: string | undefined): Set<PrecompressedEncoding> {
  const accepted = new Set<PrecompressedEncoding>();
  if (!header) return accepted;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name) weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  for (const { encoding } of PRECOMPRESSED) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > 0) accepted.add(encoding);
  }
  return accepted;
}
