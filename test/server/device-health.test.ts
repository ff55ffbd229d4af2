import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { change, household } from './support/records.ts';
import { StaffClient, addStaff, twoPuskesmas, type Puskesmas } from './support/staff-client.ts';
import { STORE_KINDS, enrollDevice, startTestServer, type TestDevice, type TestServer } from './support/test-server.ts';

describe.each(STORE_KINDS)('phone health reported with pushes on %s', (kind) => {
  let server: TestServer;
  let own: Puskesmas;
  let phone: TestDevice;

  async function push(extra: Record<string, unknown>) {
    const body = {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: phone.deviceId,
      batchId: `batch-${Math.random()}`,
      changes: [change('households', household(phone))],
      ...extra,
    };
    const response = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${phone.token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { results: { status: string }[] } };
  }

  async function devices() {
    const staff = new StaffClient(server.url);
    await staff.signIn('admin.pkm');
    const answer = await staff.get(`/api/staff/posyandus/${own.melati}/devices`);
    expect(answer.status).toBe(200);
    return answer.body.devices as { id: string; health: Record<string, unknown> | null }[];
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ own } = await twoPuskesmas(server));
    await addStaff(server, own.puskesmasId, 'admin.pkm', 'admin');
    phone = await enrollDevice(server, own.melati);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('accepts a push without a report (an older app) and shows no health yet', async () => {
    const answer = await push({});
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]?.status).toBe('applied');
    expect((await devices()).find((d) => d.id === phone.deviceId)?.health).toBeNull();
  });

  it('keeps the last report and shows it on the devices tab', async () => {
    const report = {
      appVersion: '2026.12.1',
      pendingChanges: 12,
      rejectedChanges: 2,
      storageUsedBytes: 52_428_800,
      storageQuotaBytes: 8_000_000_000,
    };
    expect((await push({ health: report })).status).toBe(200);
    const shown = (await devices()).find((d) => d.id === phone.deviceId)?.health;
    expect(shown).toMatchObject(report);
    expect(typeof shown?.reportedAt).toBe('string');
  });

  it('applies the batch of a malformed report and keeps the previous report', async () => {
    const answer = await push({ health: { pendingChanges: -5, appVersion: 42 } });
    expect(answer.status).toBe(200);
    expect(answer.body.results[0]?.status).toBe('applied');
    expect((await devices()).find((d) => d.id === phone.deviceId)?.health).toMatchObject({ pendingChanges: 12 });
  });
});
