/**
 * Counts authentication failures per key ("addr:<ip>", "device:<id>") in fixed windows. A key with
 * `maxFailures` failures in the current window is blocked until the window ends. In memory: a restart forgets,
 * which costs an attacker nothing they could not get by waiting a minute, and keeps the hot path free of writes.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may fail again, or 0 when it is not blocked. */
  blockedFor(key: string): number {
    const window = this.current(key);
    if (!window || window.failures < this.maxFailures) return 0;
    return window.startedAt + this.windowMs - this.now();
  }

  recordFailure(key: string): void {
    const window = this.current(key);
    if (window) window.failures++;
    else this.windows.set(key, { startedAt: this.now(), failures: 1 });
    // Bounded memory under a flood from many addresses: drop every finished window now and then.
    if (this.windows.size > 10_000) this.prune();
  }

  private current(key: string): { startedAt: number; failures: number } | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private prune(): void {
    for (const key of [...this.windows.keys()]) this.current(key);
  }
}

/** Per client address: a phone retrying with a stale token fails a few times a minute, a guesser thousands. */
export const ADDRESS_LIMIT = { maxFailures: 30, windowMs: 60_000 } as const;
/** Per device named by a request (a revoked token, a body naming another device). */
export const DEVICE_LIMIT = { maxFailures: 10, windowMs: 60_000 } as const;

export interface AuthLimiters {
  address: FailureLimiter;
  device: FailureLimiter;
}

export function createAuthLimiters(now: () => number = Date.now): AuthLimiters {
  return {
    address: new FailureLimiter(ADDRESS_LIMIT.maxFailures, ADDRESS_LIMIT.windowMs, now),
    device: new FailureLimiter(DEVICE_LIMIT.maxFailures, DEVICE_LIMIT.windowMs, now),
  };
}
