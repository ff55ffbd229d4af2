import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyMembers, householdInput } from '../storage/fixtures.ts';
import { testPhone } from './support/client.ts';
import { startSyncTestServer, type SyncTestServer } from './support/real-server.ts';

let server: SyncTestServer;

beforeAll(async () => {
  server = await startSyncTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the purge after a sync', () => {
  it('drops a person who moved out long ago from a phone that purges, never from the server', async () => {
    const a = await testPhone(server.server.url, await server.newDevice('Bu Sri'));
    const { members } = await a.storage.saveHouseholdWithMembers({
      household: householdInput(),
      members: familyMembers(),
    });
    const budi = members[0]!;
    await a.storage.markPersonMovedOut(budi.id, '2026-01-10');
    await a.engine.syncNow();
    expect(a.engine.getStatus()).toMatchObject({ pending: 0, lastError: null });

    const b = await testPhone(server.server.url, await server.newDevice('Bu Ani'), { purgeSynced: true });
    await b.engine.syncNow();
    expect(b.engine.getStatus()).toMatchObject({ pending: 0, lastError: null });
    expect(await b.storage.getPerson(budi.id)).toBeUndefined();
    expect(await b.storage.getPerson(members[1]!.id)).toBeDefined();
    // The phone that does not purge, and the server, keep him.
    expect(await a.storage.getPerson(budi.id)).toBeDefined();
    expect((await server.records()).map((r) => r.id)).toContain(budi.id);
  });
});
