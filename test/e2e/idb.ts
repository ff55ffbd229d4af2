import type { Page } from 'playwright-core';

export interface OutboxRow {
  table: string;
  state: string;
  record: Record<string, unknown>;
}

/** Reads the app's outbox straight from IndexedDB, not through the app, so the test sees what is really stored. */
export async function readOutbox(page: Page): Promise<OutboxRow[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('posyandu-ilp');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('outbox').objectStore('outbox').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as OutboxRow[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
