// Where "outside any request" goes (issue 14): the stretches of a run with no request on the wire, each with the
// storage calls that ran during it. A stretch on the critical path is time the server waited for the page.
import type { Span } from './request-meter.ts';

export interface Gap {
  /** Start of the stretch, ms after the run's start. */
  at: number;
  ms: number;
  /** The request the stretch follows and the one it ends with ('start' / 'end' for the run's edges). */
  after: string;
  before: string;
  /** Storage calls overlapping the stretch, with how much of it each covered (ms). */
  calls: Record<string, number>;
}

export function requestGaps(requests: readonly Span[], calls: readonly Span[], start: number, end: number): Gap[] {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const gaps: Gap[] = [];
  let cursor = start;
  let after = 'start';
  const close = (until: number, before: string) => {
    if (until - cursor < 0.5) return;
    const overlapping: Record<string, number> = {};
    for (const call of calls) {
      const overlap = Math.min(call.end, until) - Math.max(call.start, cursor);
      if (overlap > 0) overlapping[call.name] = Math.round(((overlapping[call.name] ?? 0) + overlap) * 10) / 10;
    }
    gaps.push({
      at: Math.round(cursor - start),
      ms: Math.round((until - cursor) * 10) / 10,
      after,
      before,
      calls: overlapping,
    });
  };
  for (const [i, request] of sorted.entries()) {
    const label = `${request.name}#${i + 1}`;
    close(request.start, label);
    cursor = Math.max(cursor, request.end);
    after = label;
  }
  close(end, 'end');
  return gaps;
}
