/**
 * Whether an Accept-Encoding header allows `coding`, by the header's own rules: `q=0` refuses one, `*` stands for
 * any not named. The same header says what a client accepts in an answer, and, on a push answer (RFC 7694), what
 * the server reads in a push (docs/sync-protocol.md, "Compression"): the app, the relay and the server read it here.
 */
export function acceptsCoding(header: string | null | undefined, coding: string): boolean {
  if (!header) return false;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name) weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  return (weights.get(coding) ?? weights.get('*') ?? 0) > 0;
}
