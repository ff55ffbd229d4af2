/** Counts the requests a page makes and the time spent waiting for them, per kind of URL. */
export interface RequestMeter {
  fetch: typeof fetch;
  count(kind?: string): number;
  waitMs(kind?: string): number;
  bytesSent(): number;
  /** Every request's start and end (performance.now()), in the order they started. */
  spans(): Span[];
}

/** One request or storage call on the page's clock: what the timeline (timeline.ts) is made of. */
export interface Span {
  name: string;
  start: number;
  end: number;
}

export function createRequestMeter(classify: (url: string) => string, inner: typeof fetch = fetch): RequestMeter {
  const counts = new Map<string, number>();
  const waits = new Map<string, number>();
  // The bodies are counted when asked, after the timed run: encoding 10 MB of bodies to count their bytes was
  // tens of ms on each contestant's timed path (issue 14's page profile), as if it were part of the sync.
  const bodies: string[] = [];
  const spans: Span[] = [];
  let bytes = 0;
  const encoder = new TextEncoder();
  const sum = (map: Map<string, number>, kind?: string) =>
    kind === undefined ? [...map.values()].reduce((a, b) => a + b, 0) : (map.get(kind) ?? 0);
  return {
    async fetch(input, init) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const kind = classify(url);
      if (typeof init?.body === 'string') bodies.push(init.body);
      else if (init?.body instanceof Uint8Array) bytes += init.body.byteLength;
      const started = performance.now();
      try {
        const response = await inner(input, init);
        // The body is part of the exchange: a caller reading it later would otherwise hide its transfer time.
        const copy = response.clone();
        await copy.arrayBuffer();
        return response;
      } finally {
        const end = performance.now();
        spans.push({ name: kind, start: started, end });
        waits.set(kind, (waits.get(kind) ?? 0) + end - started);
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
    },
    spans: () => [...spans].sort((a, b) => a.start - b.start),
    count: (kind) => sum(counts, kind),
    waitMs: (kind) => sum(waits, kind),
    bytesSent: () => {
      for (const body of bodies.splice(0)) bytes += encoder.encode(body).length;
      return bytes;
    },
  };
}
