import type { ChangeResult, PushResponse } from '../../../protocol/index.ts';
import {
  RecordOwnedElsewhereError,
  recordKey,
  type Store,
  type StoredRecord,
  type StoreTx,
  type VersionRow,
} from '../db/store.ts';
import { failpoint } from './failpoints.ts';
import { markHeldSeqs } from './held-seqs.ts';
import { mergeMutableRecord } from './merge-record.ts';
import { lanesFor } from './posyandu-lanes.ts';
import {
  isRejection,
  schemaFields,
  validateChange,
  type IncomingChange,
  type Rejection,
  type Sender,
  type ValidChange,
} from './validate-change.ts';

/** The device a batch comes from, as its token proves it. */
export type DeviceContext = Sender;

/** A push whose envelope the route checked (version, device); each change is still to be judged alone. */
export interface IncomingBatch {
  protocolVersion?: number;
  deviceId?: string;
  batchId: string;
  changes: readonly IncomingChange[];
  /** The phone asks for the seqs it may skip on its next pull (services/held-seqs.ts). */
  held?: boolean;
}

/**
 * Applies one push in ONE database transaction and answers one result per change (docs/sync-protocol.md,
 * "Idempotency" and "Merge rules"). A rejected change never fails its neighbours; only an unexpected error (the
 * database gone) fails the whole batch, and then nothing of it is stored, so the client's retry is safe.
 */
export async function applyBatch(
  store: Store,
  device: DeviceContext,
  request: IncomingBatch,
  now: Date = new Date(),
): Promise<PushResponse> {
  const receivedAt = now.toISOString();
  // Validation needs no database: doing it first keeps the posyandu's lock short.
  const checked = request.changes.map((change) => validateChange(change, device, now.getTime()));

  // A record created by another posyandu in the same instant rolls this batch back; run again, it then sees that
  // record and rejects the change as another posyandu's. A second collision on the retry is not possible in
  // practice (ids are UUID v7), so the bound only keeps a bug from looping.
  const results = await lanesFor(store).run(device.posyanduId, async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await store.transaction((tx) => applyInTransaction(tx, device, request, checked, receivedAt));
      } catch (error) {
        if (!(error instanceof RecordOwnedElsewhereError) || attempt >= 3) throw error;
      }
    }
  });
  failpoint('push:after-commit');
  return { batchId: request.batchId, results, serverTime: receivedAt };
}

async function applyInTransaction(
  tx: StoreTx,
  device: DeviceContext,
  request: IncomingBatch,
  checked: readonly (ValidChange | Rejection)[],
  receivedAt: string,
): Promise<ChangeResult[]> {
  const lastSeq = await tx.lockPosyandu(device.posyanduId);

  const valid = checked.filter((c): c is ValidChange => !isRejection(c));
  const state = await tx.readBatchState(
    device.posyanduId,
    device.deviceId,
    request.batchId,
    valid.map((c) => c.change.changeId),
    valid.map((c) => ({ table: c.table, id: c.recordId })),
  );
  const previous = state.previousResponse;
  if (previous !== null) return replayResults(request, JSON.parse(previous) as PushResponse);
  const alreadyApplied = state.applied;
  const loaded = state.loaded;

  const working = new Map<string, StoredRecord>(loaded);
  /** Records this batch changed, in the order they first changed: that order becomes their seq order. */
  const dirty = new Map<string, StoredRecord>();
  const seenInBatch = new Set<string>();
  const versions: VersionRow[] = [];

  const results: ChangeResult[] = request.changes.map((change, index) => {
    const check = checked[index];
    if (!check) throw new Error('validation result missing');
    const changeId = change.changeId;
    if (isRejection(check)) return { changeId, status: 'rejected', error: check };
    if (alreadyApplied.has(changeId) || seenInBatch.has(changeId)) return { changeId, status: 'duplicate' };

    const key = recordKey(check.table, check.recordId);
    const existing = working.get(key);
    if (existing && existing.posyanduId !== device.posyanduId) {
      return {
        changeId,
        status: 'rejected',
        error: { code: 'forbidden-posyandu', message: 'Data ini milik posyandu lain, jadi tidak disimpan.' },
      };
    }

    let next: StoredRecord | null;
    if (check.kind === 'event') {
      if (existing) {
        if (canonicalJson(existing.data) === canonicalJson(check.record)) return { changeId, status: 'duplicate' };
        return {
          changeId,
          status: 'rejected',
          error: {
            code: 'immutable-record',
            message:
              'Catatan kejadian ini sudah tersimpan dengan isi lain dan tidak boleh diubah. Buat catatan pengganti.',
          },
        };
      }
      next = {
        table: check.table,
        id: check.recordId,
        posyanduId: device.posyanduId,
        seq: 0,
        hlc: check.hlc,
        deleted: false,
        data: check.record,
        fieldHlc: {},
      };
    } else {
      next = mergeMutableRecord(
        existing,
        { table: check.table, op: check.change.op, record: check.record, hlc: check.hlc, fields: check.fields },
        schemaFields(check.table),
        device.posyanduId,
      );
    }

    if (next) {
      working.set(key, next);
      dirty.delete(key);
      dirty.set(key, next);
    }
    seenInBatch.add(changeId);
    versions.push({
      table: check.table,
      recordId: check.recordId,
      posyanduId: device.posyanduId,
      deviceId: device.deviceId,
      changeId,
      batchId: request.batchId,
      op: check.change.op,
      hlc: check.hlc,
      data: check.sent,
      fields: check.change.fields ?? null,
      receivedAt,
    });
    // "applied" means accepted and kept as a version, even when every field lost to a later edit.
    return { changeId, status: 'applied' };
  });

  let seq = lastSeq;
  const toSave = [...dirty.values()].map((record) => ({ ...record, seq: ++seq }));
  await tx.writeBatch({
    posyanduId: device.posyanduId,
    deviceId: device.deviceId,
    batchId: request.batchId,
    records: toSave,
    // Every key the read found: a record of another posyandu among them was refused above and is not saved.
    stored: new Set(loaded.keys()),
    versions,
    lastSeq: seq !== lastSeq ? seq : null,
    responseJson: JSON.stringify({ batchId: request.batchId, results }),
    receivedAt,
  });
  failpoint('push:before-commit');
  if (request.held === true) markHeldSeqs(results, checked, toSave);
  return results;
}

/**
 * A batch id seen before changes nothing. Its changes answer as they did the first time, except that "applied"
 * becomes "duplicate" (it is stored already) and a rejection is repeated as it was. A change the first batch
 * did not contain is refused: a batch id names one set of changes.
 */
function replayResults(request: IncomingBatch, previous: PushResponse): ChangeResult[] {
  const before = new Map(previous.results.map((r) => [r.changeId, r]));
  return request.changes.map((change): ChangeResult => {
    const earlier = before.get(change.changeId);
    if (!earlier) {
      return {
        changeId: change.changeId,
        status: 'rejected',
        error: {
          code: 'invalid-request',
          message: 'Kode kiriman (batchId) ini sudah dipakai untuk kiriman lain. Kirim ulang dengan kode baru.',
        },
      };
    }
    if (earlier.status === 'rejected') return earlier;
    return { changeId: change.changeId, status: 'duplicate' };
  });
}

/** JSON with object keys sorted, so that the same content compares equal whatever key order a database returns. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
