import { randomUUID } from 'node:crypto';
import type { Change, PullResponse, PushResponse } from '../../../protocol/index.ts';
import type { TestDevice } from './test-server.ts';

/** A bare HTTP client for the sync endpoints, so tests go through the real server over loopback. */
export class SyncClient {
  constructor(
    private readonly baseUrl: string,
    private readonly device: TestDevice,
  ) {}

  async pushRaw(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.device.token}`, ...headers },
      body,
    });
  }

  async push(changes: Change[], batchId: string = randomUUID()): Promise<PushResponse> {
    const response = await this.pushRaw(
      JSON.stringify({ protocolVersion: 1, deviceId: this.device.deviceId, batchId, changes }),
    );
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PushResponse;
  }

  async pull(since?: string, limit?: number): Promise<PullResponse> {
    const query = new URLSearchParams();
    if (since !== undefined) query.set('since', since);
    if (limit !== undefined) query.set('limit', String(limit));
    const response = await fetch(`${this.baseUrl}/api/v1/sync/pull?${query.toString()}`, {
      headers: { Authorization: `Bearer ${this.device.token}` },
    });
    if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PullResponse;
  }

  /** Every page from the start: the merged records the device would hold. */
  async pullAll(pageSize = 1000): Promise<PullResponse['changes']> {
    const all: PullResponse['changes'] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.pull(cursor, pageSize);
      all.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return all;
    }
  }
}
