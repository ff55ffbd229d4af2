// Pushes go gzipped once the server said it reads gzip and the link proved slow (src/sync/push-encoding.ts), plain
// on a fast link, and plain again after a server refuses gzip: through the real server, every change arriving once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { faultyFetch, isPush, testPhone } from './support/client.ts';
import { newPushLink, observePushAnswer, shouldCompress } from '../../src/sync/push-encoding.ts';
import { createSyncEngine } from '../../src/sync/index.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Coding = 'gzip' | 'plain';

/**
 * A phone pushing through `hook`, with the coding of every push it sent: a family and 600 measurements queued,
 * pushed in batches of 150 (about 80 KB each: big enough to measure the link, push-encoding.ts).
 */
async function phoneWith(label: string, hook: (coding: Coding, forward: () => Promise<Response>) => Promise<Response>) {
  const sent: Coding[] = [];
  const fetch = faultyFetch(async (url, init, forward) => {
    if (!isPush(url)) return forward();
    const coding = new Headers(init?.headers).get('Content-Encoding') === 'gzip' ? 'gzip' : 'plain';
    sent.push(coding);
    return hook(coding, forward);
  });
  const phone = await testPhone(server.server.url, await server.newDevice(label), { maxBatchCount: 150, fetch });
  const { household, members } = await phone.storage.saveHouseholdWithMembers({
    household: householdInput(),
    members: familyMembers(),
  });
  const ids = [household.id, ...members.map((m) => m.id)];
  const child = members.find((m) => m.birthDate.startsWith('2024'))!;
  for (let i = 0; i < 600; i++) {
    const event = await phone.storage.recordEvent('measurements', {
      personId: child.id,
      date: '2026-01-05',
      weightKg: 8 + (i % 40) / 10,
    });
    ids.push(event.id);
  }
  return { phone, sent, ids, child };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectAllOnServerOnce(ids: string[]): Promise<void> {
  const stored = (await server.records()).filter((record) => ids.includes(record.id));
  expect(stored.map((record) => record.id).sort()).toEqual([...ids].sort());
}

describe('push compression', () => {
  it('gzips the pushes after the first once a slow link is measured', async () => {
    // 200 ms on the wire for 80 KB: 400 bytes a millisecond, a link far slower than FAST_LINK_BYTES_PER_MS.
    const { phone, sent, ids } = await phoneWith('Wifi pustu lambat', async (_coding, forward) => {
      await delay(200);
      return forward();
    });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    // 604 changes: four batches of 150 and one of 4. The first measures the link; the second is encoded while the
    // first is on the wire (plain, unless that outlasted the answer); then gzip, but for the last batch, too small
    // to be worth it.
    expect(sent).toHaveLength(5);
    expect([sent[0], ...sent.slice(2)]).toEqual(['plain', 'gzip', 'gzip', 'plain']);
    await expectAllOnServerOnce(ids);
  });

  it('starts a later page load from what the last run learnt: its first big push goes gzipped', async () => {
    const { phone, ids, child } = await phoneWith('Wifi pustu, besok', async (_coding, forward) => {
      await delay(200);
      return forward();
    });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, lastError: null });
    phone.engine.stop();
    // The app opened again: a new engine on the same database, the same slow wifi.
    const sent: Coding[] = [];
    const again = createSyncEngine({
      baseUrl: server.server.url,
      storage: phone.storage,
      onlineEvents: null,
      serviceWorker: null,
      random: () => 0.5,
      maxBatchCount: 150,
      fetch: faultyFetch(async (url, init, forward) => {
        if (isPush(url)) sent.push(new Headers(init?.headers).get('Content-Encoding') === 'gzip' ? 'gzip' : 'plain');
        await delay(200);
        return forward();
      }),
    });
    for (let i = 0; i < 150; i++) {
      const event = await phone.storage.recordEvent('measurements', {
        personId: child.id,
        date: '2026-02-05',
        weightKg: 9,
      });
      ids.push(event.id);
    }
    await again.syncNow();
    expect(again.getStatus()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    expect(sent).toEqual(['gzip']);
    await expectAllOnServerOnce(ids);
  });

  it('sends the same batch again plain to a server that answers 415 to gzip', async () => {
    const refused = () =>
      new Response(JSON.stringify({ code: 'invalid-request', message: 'Kiriman dikompresi dengan cara lain.' }), {
        status: 415,
        headers: { 'Content-Type': 'application/json' },
      });
    const { phone, sent, ids } = await phoneWith('Server lama', async (coding, forward) => {
      await delay(300);
      return coding === 'gzip' ? refused() : forward();
    });
    await phone.engine.syncNow();
    expect(phone.engine.getStatus()).toMatchObject({ pending: 0, rejected: 0, lastError: null });
    // A gzipped push refused, and that batch again plain at once. The real server behind advertises gzip, so the
    // phone tries it again later: each refusal costs one request, never a change.
    const refusedAt = sent.indexOf('gzip');
    expect(refusedAt).toBeGreaterThan(0);
    expect(sent[refusedAt + 1]).toBe('plain');
    await expectAllOnServerOnce(ids);
  });
});

describe("the link's speed, as a push answer tells it", () => {
  const answered = (serverTiming: string | null, acceptEncoding = 'gzip') =>
    new Headers({ 'Accept-Encoding': acceptEncoding, ...(serverTiming ? { 'Server-Timing': serverTiming } : {}) });

  it('keeps a fast link plain and compresses on a slow one, once the server reads gzip', () => {
    const link = newPushLink();
    // 570 KB in 70 ms, 60 of them the server's: 57 MB/s, loopback or a LAN.
    observePushAnswer(link, answered('apply;dur=60.0'), 570_000, 70);
    expect(shouldCompress(link)).toBe(false);
    // The same batch over the pustu's wifi: 1.2 s on the wire, under 0.5 MB/s.
    observePushAnswer(link, answered('apply;dur=60.0'), 570_000, 1_260);
    expect(shouldCompress(link)).toBe(true);
    // A server that stops advertising gzip is sent plain, however slow the link.
    observePushAnswer(link, answered('apply;dur=60.0', 'identity'), 570_000, 1_260);
    expect(shouldCompress(link)).toBe(false);
    // Nor one that names gzip only to refuse it (q=0).
    observePushAnswer(link, answered('apply;dur=60.0', 'br, gzip;q=0'), 570_000, 1_260);
    expect(shouldCompress(link)).toBe(false);
  });

  it('measures nothing from a small push, whose round trip is mostly latency, or without Server-Timing', () => {
    const link = newPushLink();
    observePushAnswer(link, answered('apply;dur=1.0'), 2_000, 40);
    expect(link.bytesPerMs).toBeNull();
    observePushAnswer(link, answered(null), 570_000, 1_260);
    expect(link.bytesPerMs).toBeNull();
    expect(shouldCompress(link)).toBe(false);
  });
});
