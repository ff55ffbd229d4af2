import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../server/src/db/migrations.ts';
import { openSqliteStore } from '../../server/src/db/sqlite-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database as a server before migration 0010 left it, with records of two posyandu in it. */
function databaseBefore0010(): string {
  const dir = mkdtempSync(join(tmpdir(), 'posyandu-0010-'));
  dirs.push(dir);
  const file = join(dir, 'posyandu.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  for (const migration of loadMigrations('sqlite').filter((m) => m.version < '0010')) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(migration.version, '2026-12-01T00:00:00Z');
  }
  const insert = db.prepare(
    'INSERT INTO records (table_name, id, posyandu_id, seq, hlc, deleted, data, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 1; i <= 40; i++) {
    insert.run(
      i % 2 ? 'households' : 'persons',
      `id-${i}`,
      `p${i % 3}`,
      i,
      `h${i}`,
      i % 7 === 0 ? 1 : 0,
      `{"n":${i}}`,
      '{}',
    );
  }
  db.close();
  return file;
}

const ALL = 'SELECT * FROM records ORDER BY table_name, id';

describe('SQLite migration 0010 (records as a rowid table)', () => {
  it('keeps every record, its key and its indexes', async () => {
    const file = databaseBefore0010();
    const before = new Database(file, { readonly: true });
    const rows = before.prepare(ALL).all();
    before.close();

    const store = openSqliteStore(file);
    // 0010 and whatever later migrations there are.
    expect(await store.migrate()).toEqual(
      loadMigrations('sqlite')
        .map((m) => m.version)
        .filter((v) => v >= '0010'),
    );
    expect((await store.listRecordsAfter('p1', 0, 100)).map((r) => r.id)).toEqual(
      (rows as { id: string; posyandu_id: string; seq: number }[])
        .filter((r) => r.posyandu_id === 'p1')
        .sort((a, b) => a.seq - b.seq)
        .map((r) => r.id),
    );
    await store.close();

    const after = new Database(file);
    expect(after.prepare(ALL).all()).toEqual(rows);
    const indexes = after
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'")
      .all()
      .map((r) => r.name)
      .sort();
    expect(indexes).toEqual(['records_posyandu_seq', 'records_posyandu_table', 'sqlite_autoindex_records_1']);
    // The key still holds one row per (table, id): the store's upsert updates, a plain insert is refused.
    expect(() =>
      after
        .prepare(
          'INSERT INTO records (table_name, id, posyandu_id, seq, hlc, data, field_hlc) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run('households', 'id-1', 'p1', 99, 'h', '{}', '{}'),
    ).toThrow(/UNIQUE/);
    after.close();
  });
});
