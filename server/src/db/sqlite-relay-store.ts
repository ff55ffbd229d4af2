import Database from 'better-sqlite3';
import type { PulledPosyandu, RelayDevice } from '../../../protocol/index.ts';
import type { VersionRow } from './store.ts';
import { type SqliteVersionDbRow, toSqliteVersionRow, VERSION_COLUMNS, VERSIONS_JOINED } from './sqlite-versions.ts';

/** A version the relay received, with its place in the relay's log (what the forwarder's watermark counts). */
export interface RelayVersion extends VersionRow {
  versionId: number;
}

export interface RelayState {
  posyanduId: string;
  forwardedVersion: number;
  upstreamCursor: string;
}

/** What the forwarder of a pustu relay keeps in the relay's database besides the sync tables themselves. */
export interface RelayStore {
  /** The posyandu this relay serves, once it has learned it from the puskesmas. */
  state(): RelayState | null;
  /** The posyandu and its phones as the puskesmas lists them, so those phones can sync here offline. */
  copyDevices(posyandu: { id: string; name: string }, devices: readonly RelayDevice[]): void;
  /**
   * The posyandu block of the puskesmas's last pull page (name, desa, codes, dusun), kept as the puskesmas has it,
   * so the relay's own pulls give its phones the same block a phone pulling from the puskesmas gets.
   */
  copyPosyandu(posyanduId: string, posyandu: PulledPosyandu): void;
  versionsAfter(posyanduId: string, versionId: number, limit: number): RelayVersion[];
  setForwarded(posyanduId: string, versionId: number): void;
  setUpstreamCursor(posyanduId: string, cursor: string): void;
  close(): void;
}

/**
 * The relay's own connection to its SQLite file (WAL: it reads while the store writes; SQLite's one write lock
 * orders their writes). Relay mode is SQLite only: a pustu runs on a laptop or a small board, never a cluster.
 */
export function openSqliteRelayStore(file: string): RelayStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');

  const copy = db.transaction((posyandu: { id: string; name: string }, devices: readonly RelayDevice[]) => {
    db.prepare(
      'INSERT INTO posyandus (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
    ).run(posyandu.id, posyandu.name);
    db.prepare('INSERT INTO relay_state (posyandu_id) VALUES (?) ON CONFLICT (posyandu_id) DO NOTHING').run(
      posyandu.id,
    );
    const upsert = db.prepare(
      `INSERT INTO devices (id, posyandu_id, kader_id, kader_name, token_sha256, next_token_sha256, revoked_at,
         single_phone, created_at) VALUES (@id, @posyanduId, @kaderId, @kaderName, @tokenSha256, @nextTokenSha256,
         @revokedAt, @singlePhone, @createdAt)
       ON CONFLICT (id) DO UPDATE SET kader_name = excluded.kader_name, token_sha256 = excluded.token_sha256,
         next_token_sha256 = excluded.next_token_sha256, revoked_at = excluded.revoked_at`,
    );
    for (const d of devices) {
      upsert.run({ ...d, posyanduId: posyandu.id, singlePhone: d.singlePhone ? 1 : 0 });
    }
  });

  return {
    state() {
      const row = db
        .prepare<[], { posyandu_id: string; forwarded_version: number; upstream_cursor: string }>(
          'SELECT posyandu_id, forwarded_version, upstream_cursor FROM relay_state LIMIT 1',
        )
        .get();
      return row
        ? { posyanduId: row.posyandu_id, forwardedVersion: row.forwarded_version, upstreamCursor: row.upstream_cursor }
        : null;
    },
    copyDevices(posyandu, devices) {
      copy(posyandu, devices);
    },
    copyPosyandu(posyanduId, { name, area }) {
      // No area from the puskesmas means none there (no valid codes): cleared here too, never kept stale.
      db.prepare(
        `UPDATE posyandus SET name = ?, desa = ?, province_code = ?, regency_code = ?, district_code = ?,
           village_code = ?, dusun = ? WHERE id = ?`,
      ).run(
        name,
        area?.desa ?? null,
        area?.provinceCode ?? null,
        area?.regencyCode ?? null,
        area?.districtCode ?? null,
        area?.villageCode ?? null,
        JSON.stringify(area?.dusun ?? []),
        posyanduId,
      );
    },
    versionsAfter(posyanduId, versionId, limit) {
      return db
        .prepare<[string, number, number], SqliteVersionDbRow & { version_id: number }>(
          `SELECT ${VERSION_COLUMNS} FROM ${VERSIONS_JOINED} WHERE v.posyandu_id = ? AND v.version_id > ?
           ORDER BY v.version_id LIMIT ?`,
        )
        .all(posyanduId, versionId, limit)
        .map((row) => ({ ...toSqliteVersionRow(row), versionId: row.version_id }));
    },
    setForwarded(posyanduId, versionId) {
      db.prepare('UPDATE relay_state SET forwarded_version = ? WHERE posyandu_id = ?').run(versionId, posyanduId);
    },
    setUpstreamCursor(posyanduId, cursor) {
      db.prepare('UPDATE relay_state SET upstream_cursor = ? WHERE posyandu_id = ?').run(cursor, posyanduId);
    },
    close() {
      db.close();
    },
  };
}
