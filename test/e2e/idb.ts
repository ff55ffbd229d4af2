import type { Page } from 'playwright-core';
import { TEST_PIN } from './app-lock.ts';

export interface OutboxRow {
  table: string;
  state: string;
  record: Record<string, unknown>;
  /** Field names the kader edited (a correction); absent when the whole record is new. */
  fields?: string[];
}

/**
 * Reads the app's outbox straight from IndexedDB, not through the app, so the test sees what is really stored.
 * On a phone with a PIN the rows are ciphertext: this opens them the way only the PIN's holder can (PBKDF2 from
 * the PIN, unwrap the phone's secret, HKDF, AES-GCM), independently of the app's code.
 */
export async function readOutbox(page: Page, pin = TEST_PIN): Promise<OutboxRow[]> {
  return page.evaluate(async (pin) => {
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const db = await request(indexedDB.open('posyandu-ilp'));
    try {
      if (!db.objectStoreNames.contains('outbox')) return [];
      const tx = db.transaction(['outbox', 'meta']);
      const rows = (await request(tx.objectStore('outbox').getAll())) as Record<string, unknown>[];
      const vaultKey = (await request(tx.objectStore('meta').get('vaultKey'))) as
        { value: { iv: Uint8Array; wrapped: Uint8Array; salt: Uint8Array; iterations: number } } | undefined;
      // Version 2 of the outbox keeps the change as its wire text; a row queued by version 1 holds the record.
      const withRecord = (row: Record<string, unknown>) => {
        if (typeof row.wire !== 'string') return row as unknown as OutboxRow;
        const { record, fields } = JSON.parse(row.wire) as OutboxRow;
        return { ...row, record, ...(fields ? { fields } : {}) } as unknown as OutboxRow;
      };
      if (!vaultKey) return rows.map(withRecord);
      const { iv, wrapped, salt, iterations } = vaultKey.value;
      const subtle = crypto.subtle;
      const material = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
      const pinKey = await subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const secret = await subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(iv) }, pinKey, new Uint8Array(wrapped));
      const master = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
      const recordKey = await subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: new TextEncoder().encode('posyandu-ilp records v1'),
        },
        master,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      return Promise.all(
        rows.map(async (row) => {
          const sealed = new Uint8Array(row._e as Uint8Array);
          const plain = await subtle.decrypt(
            { name: 'AES-GCM', iv: sealed.subarray(0, 12) },
            recordKey,
            sealed.subarray(12),
          );
          return withRecord(JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>);
        }),
      );
    } finally {
      db.close();
    }
  }, pin);
}
