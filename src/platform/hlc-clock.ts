import { formatHlc, parseHlc } from '../../protocol/hlc.ts';

/** What survives a restart: the last stamp issued and the correction learned from the server. */
export interface HlcClockState {
  wallMs: number;
  counter: number;
  /** server time minus phone time, measured at the last sync; 0 until the first sync. */
  offsetMs: number;
  /** When the offset was last measured (corrected ms), or null if never: until then the phone clock is unchecked. */
  offsetMeasuredAtMs: number | null;
}

/**
 * How far ahead of our corrected time a remote stamp may pull our clock. A stamp further ahead came from a phone
 * whose clock is wrong; following it would make every later stamp of ours wrong too.
 */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

const MAX_COUNTER = 99_999;

/**
 * Hybrid logical clock (protocol/hlc.ts format) whose physical part is the phone clock corrected by the server's
 * time. Stamps it issues only increase. The node id is the device id, so two devices never issue the same stamp.
 */
export class HlcClock {
  private wallMs: number;
  private counter: number;
  private offsetMs: number;
  private offsetMeasuredAtMs: number | null;

  constructor(
    private readonly node: string,
    private readonly phoneNow: () => number = Date.now,
    state?: Partial<HlcClockState>,
  ) {
    this.wallMs = state?.wallMs ?? 0;
    this.counter = state?.counter ?? 0;
    this.offsetMs = state?.offsetMs ?? 0;
    this.offsetMeasuredAtMs = state?.offsetMeasuredAtMs ?? null;
  }

  get nodeId(): string {
    return this.node;
  }

  /** The phone's clock corrected by the last server offset. */
  correctedNowMs(): number {
    return this.phoneNow() + this.offsetMs;
  }

  /**
   * Issues a new stamp, later than every stamp this clock issued or received, except stamps found to be far
   * ahead of server-corrected time (see docs/sync-client.md, "The clock guarantee").
   */
  now(): string {
    const physical = this.correctedNowMs();
    if (this.offsetMeasuredAtMs !== null && this.wallMs > physical + MAX_CLOCK_SKEW_MS) {
      // Our earlier stamps came from a phone clock the server has since shown to be far ahead. Following them
      // would keep every new edit of ours a year ahead; drop back to corrected time instead.
      this.wallMs = physical;
      this.counter = 0;
      return this.stamp();
    }
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.stamp();
  }

  /**
   * A new stamp that is also later than `seen`, however far ahead `seen` is. An edit made on top of a version
   * must beat that version, even one stamped by a phone whose clock was wrong; the clock itself is not dragged.
   */
  after(seen: string | undefined): string {
    const own = this.now();
    if (seen === undefined || own > seen) return own;
    const parts = parseHlc(seen);
    const counter = parts.counter + 1;
    if (counter > MAX_COUNTER) return formatHlc({ wallMs: parts.wallMs + 1, counter: 0, node: this.node });
    return formatHlc({ wallMs: parts.wallMs, counter, node: this.node });
  }

  /** Merges a remote stamp (standard HLC receive), but never beyond MAX_CLOCK_SKEW_MS ahead of corrected time. */
  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    const physical = this.correctedNowMs();
    const limit = physical + MAX_CLOCK_SKEW_MS;
    const remoteWall = Math.min(remote.wallMs, limit);
    const remoteCounter = remote.wallMs > limit ? 0 : remote.counter;
    const wall = Math.max(this.wallMs, remoteWall, physical);
    let counter: number;
    if (wall === this.wallMs && wall === remoteWall) counter = Math.max(this.counter, remoteCounter) + 1;
    else if (wall === this.wallMs) counter = this.counter + 1;
    else if (wall === remoteWall) counter = remoteCounter + 1;
    else counter = 0;
    this.wallMs = wall;
    this.counter = counter;
    if (this.counter > MAX_COUNTER) {
      this.wallMs += 1;
      this.counter = 0;
    }
  }

  /**
   * Learns the server's clock from a response. `sentAtMs`/`receivedAtMs` are phone-clock readings around the
   * request: the server's reading is taken to be at their midpoint.
   */
  observeServerTime(serverTimeMs: number, sentAtMs: number, receivedAtMs: number): void {
    this.offsetMs = Math.round(serverTimeMs - (sentAtMs + receivedAtMs) / 2);
    this.offsetMeasuredAtMs = this.correctedNowMs();
  }

  /** True when a stamp lies further in the future than corrected time allows: its phone clock was wrong. */
  isFarAhead(stamp: string): boolean {
    return this.offsetMeasuredAtMs !== null && parseHlc(stamp).wallMs > this.correctedNowMs() + MAX_CLOCK_SKEW_MS;
  }

  state(): HlcClockState {
    return {
      wallMs: this.wallMs,
      counter: this.counter,
      offsetMs: this.offsetMs,
      offsetMeasuredAtMs: this.offsetMeasuredAtMs,
    };
  }

  /**
   * Folds in the state another tab persisted: the later stamp wins, and the more recent offset measurement.
   * Two tabs share one device id, so they must never issue the same stamp.
   */
  mergeState(other: HlcClockState): void {
    if (other.wallMs > this.wallMs || (other.wallMs === this.wallMs && other.counter > this.counter)) {
      this.wallMs = other.wallMs;
      this.counter = other.counter;
    }
    if (other.offsetMeasuredAtMs !== null && other.offsetMeasuredAtMs > (this.offsetMeasuredAtMs ?? -Infinity)) {
      this.offsetMs = other.offsetMs;
      this.offsetMeasuredAtMs = other.offsetMeasuredAtMs;
    }
  }

  private bumpCounter(): void {
    this.counter += 1;
    if (this.counter > MAX_COUNTER) {
      // 100,000 stamps in one millisecond: move the logical time on by a millisecond rather than wrap.
      this.wallMs += 1;
      this.counter = 0;
    }
  }

  private stamp(): string {
    return formatHlc({ wallMs: this.wallMs, counter: this.counter, node: this.node });
  }
}
