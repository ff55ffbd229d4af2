import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

export interface BareFloorServer {
  url: string;
  recordCount(): number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The floor: what moving the records costs with nothing of a sync protocol around it. node:http, a JSON body of
 * records, one SQLite transaction per batch with our server's pragmas (WAL, synchronous NORMAL) into a file. No
 * auth, no validation, no merge, no idempotency, no outbox on the phone: nothing can go faster over this wire.
 */
export async function startBareFloorServer(staticDir: string): Promise<BareFloorServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'posyandu-sync-bench-floor-'));
  const db = new Database(join(dataDir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, tbl TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT OR REPLACE INTO records (id, tbl, data) VALUES (?, ?, ?)');
  const insertBatch = db.transaction((records: { table: string; record: { id: unknown } }[]) => {
    for (const r of records) insert.run(String(r.record.id), r.table, JSON.stringify(r.record));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && path === '/floor/push') {
      const records = JSON.parse(await readBody(request)) as { table: string; record: { id: unknown } }[];
      insertBatch(records);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ stored: records.length }));
      return;
    }
    const file = normalize(join(staticDir, path));
    if (!file.startsWith(staticDir)) return void response.writeHead(404).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recordCount: () => (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
