/**
 * Sign-in failures counted per username and per address in a sliding window. In memory: one server process
 * serves a puskesmas, and a restart forgetting the counts costs an attacker a restart, not the lock.
 */
export interface RateLimitRules {
  windowMs: number;
  perUsername: number;
  perAddress: number;
}

export const SIGN_IN_LIMITS: RateLimitRules = { windowMs: 15 * 60 * 1000, perUsername: 5, perAddress: 20 };

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly rules: RateLimitRules = SIGN_IN_LIMITS) {}

  /** Seconds until the next attempt may be made, or 0 when it may be made now. */
  retryAfterSeconds(username: string, address: string, nowMs: number): number {
    const waits = [
      this.waitFor(`u:${username.toLowerCase()}`, this.rules.perUsername, nowMs),
      this.waitFor(`a:${address}`, this.rules.perAddress, nowMs),
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  recordFailure(username: string, address: string, nowMs: number): void {
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      const list = this.recent(key, nowMs);
      list.push(nowMs);
      this.failures.set(key, list);
    }
  }

  /** A successful sign-in clears the username's count, not the address's (one office shares an address). */
  recordSuccess(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > nowMs - this.rules.windowMs);
  }

  private waitFor(key: string, limit: number, nowMs: number): number {
    const list = this.recent(key, nowMs);
    if (list.length < limit) return 0;
    const oldestCounted = list[list.length - limit] ?? nowMs;
    return Math.max(1, oldestCounted + this.rules.windowMs - nowMs);
  }
}
