import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../protocol/index.ts';
import { FailureLimiter } from '../../server/src/http/failure-limiter.ts';
import { hostileRequests } from './support/hostile-requests.ts';
import { change, household } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

const REQUESTS = 10_000;
/** Requests in flight at once: enough to interleave batches, few enough for two shared cores. */
const IN_FLIGHT = 8;

describe.each(STORE_KINDS)('10,000 generated hostile requests on %s', (kind) => {
  let server: TestServer;
  let device: TestDevice;
  let other: TestDevice;

  beforeAll(async () => {
    // Rate limiting would answer most of the flood with 429 before validation sees it; it has its own test
    // (auth-rate-limit.test.ts). Here every request must reach the validation it attacks.
    const unlimited = new FailureLimiter(Number.MAX_SAFE_INTEGER, 60_000);
    server = await startTestServer(kind, { limiters: { address: unlimited, device: unlimited } });
    device = await enrollDevice(server);
    other = await enrollDevice(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('never answers 500, accepts no change, stores nothing, and keeps serving', async () => {
    const statuses = new Map<number, number>();
    const changeStatuses = new Map<string, number>();
    const requests = hostileRequests(13, REQUESTS, device, other);
    const url = `${server.url}/api/v1/sync/push`;
    let sent = 0;
    const worker = async () => {
      for (let next = requests.next(); !next.done; next = requests.next()) {
        sent++;
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (next.value.authorized) headers.Authorization = `Bearer ${device.token}`;
        const response = await fetch(url, { method: 'POST', headers, body: next.value.body });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        if (response.status !== 200) continue;
        for (const result of (JSON.parse(text) as PushResponse).results) {
          changeStatuses.set(result.status, (changeStatuses.get(result.status) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    console.log(
      `${kind}: ${sent} hostile requests, answers`,
      Object.fromEntries(statuses),
      Object.fromEntries(changeStatuses),
    );

    expect(sent).toBe(REQUESTS);
    expect(statuses.get(500) ?? 0).toBe(0);
    expect([...statuses.keys()].sort()).toEqual([200, 400, 401, 403]);
    expect(changeStatuses.get('applied') ?? 0).toBe(0);
    expect(changeStatuses.get('duplicate') ?? 0).toBe(0);
    expect(changeStatuses.get('rejected') ?? 0).toBeGreaterThan(REQUESTS);

    // A fresh phone of each posyandu pulls from the start: nothing of the attack was stored.
    for (const posyanduId of [device.posyanduId, other.posyanduId]) {
      const fresh = new SyncClient(server.url, await enrollDevice(server, posyanduId));
      expect(await fresh.pullAll()).toEqual([]);
    }
    const good = await new SyncClient(server.url, device).push([change('households', household(device))]);
    expect(good.results.map((r) => r.status)).toEqual(['applied']);
  }, 300_000);
});
