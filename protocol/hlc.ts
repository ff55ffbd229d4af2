/**
 * Hybrid logical clock stamps as fixed-width strings, so that plain string comparison orders them:
 * `<wall ms, 15 digits>:<counter, 5 digits>:<node id>`. Phones' clocks are often wrong; the counter and the
 * node id keep the order total even when two wall clocks agree or one runs backwards.
 */
export interface HlcParts {
  wallMs: number;
  counter: number;
  node: string;
}

export const HLC_PATTERN = /^\d{15}:\d{5}:[A-Za-z0-9-]{1,64}$/;

export function formatHlc(parts: HlcParts): string {
  return `${String(parts.wallMs).padStart(15, '0')}:${String(parts.counter).padStart(5, '0')}:${parts.node}`;
}

export function parseHlc(stamp: string): HlcParts {
  if (!HLC_PATTERN.test(stamp)) throw new Error(`not an HLC stamp: ${stamp}`);
  const [wall, counter, ...node] = stamp.split(':') as [string, string, ...string[]];
  return { wallMs: Number(wall), counter: Number(counter), node: node.join(':') };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
