import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { openPostgresStore } from '../../server/src/db/postgres-store.ts';
import { startTestServer, STORE_KINDS, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('readiness on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers 200 ready when the database answers', async () => {
    const response = await fetch(`${server.url}/api/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: kind });
  });
});

describe('readiness without a database', () => {
  it('answers 503 when PostgreSQL cannot be reached, while health still answers 200', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const store = openPostgresStore('postgres://postgres@127.0.0.1:1/none');
    try {
      const app = createApp({ store, version: '0.0.0', staticDir: null });
      const ready = await app.request('/api/ready');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', database: 'postgres' });
      expect((await app.request('/api/health')).status).toBe(200);
    } finally {
      await store.close();
    }
  });

  it('answers 503 when the SQLite database is closed', async () => {
    const server = await startTestServer('sqlite');
    const app = createApp({ store: server.store, version: '0.0.0', staticDir: null });
    await server.stop();
    expect((await app.request('/api/ready')).status).toBe(503);
  });
});
