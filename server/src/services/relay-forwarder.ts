import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  MAX_CHANGES_PER_PUSH,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
  RelayDevicesResponseSchema,
  type Change,
  type PullResponse,
} from '../../../protocol/index.ts';
import type { RelayStore, RelayVersion } from '../db/sqlite-relay-store.ts';
import { acceptsCoding } from '../../../protocol/content-coding.ts';
import { gzipText } from '../gzip-text.ts';
import { recordKey, type Store, type StoredRecord } from '../db/store.ts';
import { lanesFor } from './posyandu-lanes.ts';
import { mergeUpstreamState } from './relay-merge.ts';

export interface RelayOptions {
  /** The puskesmas server, e.g. https://puskesmas.example.id */
  upstream: string;
  /** The relay's own device token (`admin create-relay`), never a phone's. */
  token: string;
  /** Pause between rounds while idle; a push applied here starts a round sooner. */
  intervalMs: number;
  log?: (line: string) => void;
}

const GZIPPED = { 'Content-Encoding': 'gzip' };

const DeviceInfoSchema = z.object({ deviceId: z.string(), posyanduId: z.string() });
const PULL_PAGE = 1000;
const REQUEST_TIMEOUT_MS = 30_000;

/** A failure that says "the uplink is not there": the round stops and the next one tries again. */
class UplinkError extends Error {}

/**
 * The pustu relay's uplink (docs/scaling.md, "The pustu relay"). Each round, while the puskesmas answers: copy the
 * posyandu's phones, forward every version received here since the watermark, in order, one push per phone
 * batch (in the phone's name, so the puskesmas's idempotency log is the phone's own), then pull what the
 * puskesmas holds and merge it in field by field. The watermark moves only after the puskesmas answered, so a
 * crash or a cut at any point re-sends at most one batch, which the puskesmas answers "duplicate".
 */
export class RelayForwarder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  /** The relay's own device id at the puskesmas, learned each round: part of every forwarded batch id. */
  private relayDeviceId = '';
  /**
   * The puskesmas reads gzipped pushes: its last push answer said so (Accept-Encoding, docs/sync-protocol.md). The
   * uplink is the pustu's internet, slower than a relay compresses, so a relay that may compress always does.
   */
  private upstreamReadsGzip = false;

  constructor(
    private readonly store: Store,
    private readonly relayStore: RelayStore,
    private readonly options: RelayOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** A push was applied here: forward it soon rather than at the end of the idle pause. */
  nudge(): void {
    if (this.running) this.again = true;
    else this.schedule(100);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round().finally(() => {
        this.running = null;
        const soon = this.again;
        this.again = false;
        this.schedule(soon ? 0 : this.options.intervalMs);
      });
    }, delayMs);
  }

  /** One round; never throws (the next round retries). */
  async round(): Promise<void> {
    try {
      const posyanduId = await this.copyDevices();
      await this.forward(posyanduId);
      await this.pull(posyanduId);
    } catch (error) {
      if (!(error instanceof UplinkError)) this.options.log?.(`relay: ${String(error)}`);
    }
  }

  private async request(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.upstream), {
        ...init,
        headers: { Authorization: `Bearer ${this.options.token}`, 'Content-Type': 'application/json', ...init.headers },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      throw new UplinkError('upstream unreachable');
    }
    const text = await response.text().catch(() => {
      throw new UplinkError('answer cut');
    });
    if (response.status >= 500 || response.status === 429) throw new UplinkError(`upstream ${response.status}`);
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      throw new UplinkError('upstream answered something other than JSON');
    }
    return { status: response.status, body, headers: response.headers };
  }

  private async copyDevices(): Promise<string> {
    const me = await this.request('/api/v1/device');
    const info = DeviceInfoSchema.safeParse(me.body);
    if (me.status !== 200 || !info.success) {
      throw new Error(`the puskesmas refused the relay token (${me.status}); see RELAY_TOKEN`);
    }
    const list = await this.request('/api/v1/relay/devices');
    const parsed = RelayDevicesResponseSchema.safeParse(list.body);
    if (list.status !== 200 || !parsed.success) {
      throw new Error(`the puskesmas did not list the relay's phones (${list.status}); is the token a relay's?`);
    }
    this.relayDeviceId = info.data.deviceId;
    this.relayStore.copyDevices(parsed.data.posyandu, parsed.data.devices);
    return parsed.data.posyandu.id;
  }

  private async forward(posyanduId: string): Promise<void> {
    for (;;) {
      const watermark = this.relayStore.state()?.forwardedVersion ?? 0;
      const versions = this.relayStore.versionsAfter(posyanduId, watermark, MAX_CHANGES_PER_PUSH);
      if (versions.length === 0) return;
      for (const run of batchRuns(versions)) {
        await this.forwardRun(run);
        this.relayStore.setForwarded(posyanduId, run[run.length - 1]?.versionId ?? watermark);
      }
    }
  }

  private async forwardRun(run: readonly RelayVersion[]): Promise<void> {
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) return;
    // Deterministic: after a crash the same versions make the same batch id, which the puskesmas replays. The
    // relay's id keeps two relays of one posyandu from naming different batches of one phone alike.
    const name = `${this.relayDeviceId}|${first.versionId}|${last.versionId}`;
    const batchId = `r${createHash('sha256').update(name).digest('base64url').slice(0, 40)}`;
    const changes: Change[] = run.map((v) => ({
      changeId: v.changeId,
      table: v.table,
      op: v.op,
      // The stamp as the relay took it (brought back to its clock if the phone's ran ahead).
      record: { ...v.data, hlc: v.hlc },
      ...(v.fields ? { fields: v.fields } : {}),
    }));
    const text = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: first.deviceId, batchId, changes });
    const gzipped = this.upstreamReadsGzip;
    const answer = await this.request('/api/v1/sync/push', {
      method: 'POST',
      ...(gzipped ? { body: await gzipText(text), headers: GZIPPED } : { body: text }),
    });
    this.upstreamReadsGzip = acceptsCoding(answer.headers.get('Accept-Encoding'), 'gzip');
    // A puskesmas that stopped reading gzip (rolled back to an older version): the same batch again, plain.
    if (answer.status === 415 && gzipped) {
      this.upstreamReadsGzip = false;
      await this.forwardRun(run);
      return;
    }
    const parsed = PushResponseSchema.safeParse(answer.body);
    if (answer.status === 200 && parsed.success) {
      const rejected = parsed.data.results.filter((r) => r.status === 'rejected').length;
      if (rejected > 0) this.options.log?.(`relay: the puskesmas rejected ${rejected} change(s) of ${first.deviceId}`);
      return;
    }
    if (answer.status === 401) throw new Error('the puskesmas no longer accepts the relay token (401)');
    if (answer.status === 413 && run.length > 1) {
      // Too large for the puskesmas's limit: two halves, each its own batch, rather than nothing.
      const half = Math.ceil(run.length / 2);
      await this.forwardRun(run.slice(0, half));
      await this.forwardRun(run.slice(half));
      return;
    }
    // A phone revoked or moved meanwhile: its batch can never go up; say so and carry on with the others.
    this.options.log?.(`relay: batch of device ${first.deviceId} refused upstream (${answer.status}); skipped`);
  }

  private async pull(posyanduId: string): Promise<void> {
    for (;;) {
      const since = this.relayStore.state()?.upstreamCursor ?? '';
      const query = new URLSearchParams({ limit: String(PULL_PAGE) });
      if (since !== '') query.set('since', since);
      const answer = await this.request(`/api/v1/sync/pull?${query.toString()}`);
      const parsed = PullResponseSchema.safeParse(answer.body);
      if (answer.status !== 200 || !parsed.success) throw new Error(`pull refused upstream (${answer.status})`);
      await this.applyPulled(posyanduId, parsed.data);
      // The last page names the posyandu as staff keep it: the relay's phones get it from here (issue 12).
      if (parsed.data.posyandu) this.relayStore.copyPosyandu(posyanduId, parsed.data.posyandu);
      this.relayStore.setUpstreamCursor(posyanduId, parsed.data.cursor);
      if (!parsed.data.hasMore) return;
    }
  }

  /** One page merged in one transaction, in the posyandu's lane, each changed record with a new local seq. */
  private async applyPulled(posyanduId: string, page: PullResponse): Promise<void> {
    if (page.changes.length === 0) return;
    await lanesFor(this.store).run(posyanduId, () =>
      this.store.transaction(async (tx) => {
        let seq = await tx.lockPosyandu(posyanduId);
        const start = seq;
        const keys = page.changes.map((c) => ({ table: c.table, id: String(c.record.id ?? '') }));
        const loaded = await tx.loadRecords(keys);
        const toSave: StoredRecord[] = [];
        for (const [index, change] of page.changes.entries()) {
          const key = keys[index];
          const existing = key ? loaded.get(recordKey(key.table, key.id)) : undefined;
          const merged = mergeUpstreamState(existing, change, posyanduId);
          if (merged) toSave.push({ ...merged, seq: ++seq });
        }
        await tx.saveRecords(toSave);
        if (seq !== start) await tx.setPosyanduSeq(posyanduId, seq);
      }),
    );
  }
}

/** Consecutive versions of one phone batch: each becomes one push, in the phone's name. */
export function batchRuns(versions: readonly RelayVersion[]): RelayVersion[][] {
  const runs: RelayVersion[][] = [];
  for (const v of versions) {
    const current = runs[runs.length - 1];
    const head = current?.[0];
    if (current && head && head.deviceId === v.deviceId && head.batchId === v.batchId) current.push(v);
    else runs.push([v]);
  }
  return runs;
}
