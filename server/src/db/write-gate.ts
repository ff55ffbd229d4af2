/**
 * At most `capacity` batches write at once; the rest wait here, in arrival order, for as long as it takes.
 *
 * Under load the pushes used to wait in pg's pool for a connection, and the pool gives up after its
 * connectionTimeoutMillis (5 s) with an error the phone saw as a 500 and retried, adding to the load (issue 14:
 * 12 errors at 200 phones). A push must never fail for load: waiting here costs no connection, and the pool's
 * timeout keeps its one job, noticing a database that does not answer. Fewer writers than connections also leaves
 * connections free for pulls and sign-ins while every writer is busy.
 */
export class WriteGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`a write gate needs room for one writer, not ${capacity}`);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Batches waiting for a slot now (for tests and benches). */
  get queued(): number {
    return this.waiting.length;
  }
}
