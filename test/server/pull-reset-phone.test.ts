import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../protocol/index.ts';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import {
  enrollDevice,
  enrollSinglePhone,
  startTestServer,
  STORE_KINDS,
  type TestDevice,
  type TestServer,
} from './support/test-server.ts';

const RECORDS = 1200;

/** A stamp at the server's own clock, made by the device that sends it. */
const stamp = (device: TestDevice, counter = 0) => formatHlc({ wallMs: Date.now(), counter, node: device.deviceId });
const PAGE = 500;

/**
 * Issue 13 item 3: a phone whose storage was cleared pulls from the start with the same device. Every page of
 * that first pull must bring its own records, not only the first.
 */
describe.each(STORE_KINDS)('a reset phone pulling on %s', (kind) => {
  let server: TestServer;
  let phone: TestDevice;
  let colleague: TestDevice;
  const ids = new Set<unknown>();

  beforeAll(async () => {
    server = await startTestServer(kind);
    phone = await enrollSinglePhone(server);
    colleague = await enrollDevice(server, phone.posyanduId);
    const client = new SyncClient(server.url, phone);
    const records = Array.from({ length: RECORDS }, () => household(phone));
    for (let i = 0; i < RECORDS; i += 400) {
      const batch = records.slice(i, i + 400).map((h, j) => {
        const stamped = { ...h, hlc: stamp(phone, j) };
        ids.add(h.id);
        return change('households', stamped);
      });
      await client.push(batch);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function drain(client: SyncClient, since?: string) {
    const seen: unknown[] = [];
    let cursor = since;
    let pages = 0;
    for (;;) {
      const page = await client.pull(cursor, PAGE);
      pages++;
      seen.push(...page.changes.map((c) => c.record.id));
      cursor = page.cursor;
      if (!page.hasMore) return { seen, cursor, pages };
    }
  }

  it(`gets all ${RECORDS} of its own records over every page`, async () => {
    const { seen, pages } = await drain(new SyncClient(server.url, phone));
    expect(pages).toBe(3);
    expect(seen).toHaveLength(RECORDS);
    expect(new Set(seen)).toEqual(ids);
  });

  it('after the first pull, pulls incrementally again: its own new writes are not echoed, others are', async () => {
    const client = new SyncClient(server.url, phone);
    const { cursor } = await drain(client);
    expect(cursor).toMatch(/^c1\./);
    const mine = household(phone, { hlc: stamp(phone) });
    const theirs = household(colleague, { hlc: stamp(colleague) });
    await client.push([change('households', mine)]);
    await new SyncClient(server.url, colleague).push([change('households', theirs)]);
    expect((await drain(client, cursor)).seen).toEqual([theirs.id]);
  });

  it('continues a first pull interrupted after its first page with every record still', async () => {
    const client = new SyncClient(server.url, phone);
    const first = await client.pull(undefined, PAGE);
    expect(first.hasMore).toBe(true);
    const rest = await drain(client, first.cursor);
    expect(first.changes.length + rest.seen.length).toBeGreaterThanOrEqual(RECORDS);
  });
});
