import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, household, measurement, newId } from './support/records.ts';
import { SyncClient } from './support/sync-client.ts';
import { enrollDevice, startTestServer, STORE_KINDS, type TestDevice, type TestServer } from './support/test-server.ts';

const ROUNDS = 60;

/**
 * Issue 13 item 6: two posyandu push a new record with the same id at the same moment. One of them owns it; the
 * other is told `forbidden-posyandu`, and the record never moves between them.
 */
describe.each(STORE_KINDS)('the same new id from two posyandu at once on %s', (kind) => {
  let server: TestServer;
  let east: TestDevice;
  let west: TestDevice;

  beforeAll(async () => {
    server = await startTestServer(kind);
    east = await enrollDevice(server);
    west = await enrollDevice(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`gives the record to exactly one posyandu, ${ROUNDS} rounds of mutable and event records`, async () => {
    const eastClient = new SyncClient(server.url, east);
    const westClient = new SyncClient(server.url, west);
    const owners = new Map<unknown, 'east' | 'west'>();
    for (let round = 0; round < ROUNDS; round++) {
      const id = newId();
      const table = round % 2 === 0 ? 'households' : 'measurements';
      const make = (device: TestDevice) =>
        table === 'households' ? household(device, { id }) : measurement(device, newId(), { id });
      const [fromEast, fromWest] = await Promise.all([
        eastClient.push([change(table, make(east))]),
        westClient.push([change(table, make(west))]),
      ]);
      const statuses = [fromEast.results[0], fromWest.results[0]];
      const applied = statuses.filter((r) => r?.status === 'applied');
      const refused = statuses.filter((r) => r?.status === 'rejected' && r.error?.code === 'forbidden-posyandu');
      expect({ applied: applied.length, refused: refused.length }).toEqual({ applied: 1, refused: 1 });
      owners.set(id, fromEast.results[0]?.status === 'applied' ? 'east' : 'west');
    }
    const eastIds = new Set((await eastClient.pullAll()).map((c) => c.record.id));
    const westIds = new Set((await westClient.pullAll()).map((c) => c.record.id));
    for (const [id, owner] of owners) {
      expect({ id, east: eastIds.has(id), west: westIds.has(id) }).toEqual({
        id,
        east: owner === 'east',
        west: owner === 'west',
      });
    }
  });
});
