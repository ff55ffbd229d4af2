/**
 * One lane per posyandu: within this process, a posyandu's batches enter the database one at a time, in arrival
 * order, and the rest wait here in memory. The database serialises a posyandu's batches anyway (its row lock on
 * PostgreSQL, the single writer on SQLite); waiting there instead would hold a pooled connection (PostgreSQL) or a
 * place in the one write queue (SQLite) per waiting batch, so one busy posyandu would make every other wait.
 */
export class PosyanduLanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(posyanduId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(posyanduId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(posyanduId, tail);
    // The map keeps only lanes with work in them.
    void tail.then(() => {
      if (this.tails.get(posyanduId) === tail) this.tails.delete(posyanduId);
    });
    return result;
  }
}

const lanesByStore = new WeakMap<object, PosyanduLanes>();

/** The lanes of one store: every caller of applyBatch on that store shares them. */
export function lanesFor(store: object): PosyanduLanes {
  let lanes = lanesByStore.get(store);
  if (!lanes) {
    lanes = new PosyanduLanes();
    lanesByStore.set(store, lanes);
  }
  return lanes;
}
