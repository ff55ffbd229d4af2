import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireCompare } from './compare-deps.ts';

/** The slice of express and PouchDB this file uses (the packages ship no types; they live outside the project). */
interface ExpressApp {
  use(path: string, handler: unknown): void;
  use(handler: unknown): void;
  listen(port: number, host: string, callback: () => void): Server;
}
interface ExpressModule {
  (): ExpressApp;
  static(dir: string): unknown;
}
interface PouchConstructor {
  plugin(plugin: unknown): PouchConstructor;
  defaults(options: Record<string, unknown>): PouchConstructor;
}

export interface CouchCompatibleServer {
  url: string;
  docCount(dbName: string): Promise<number>;
  close(): Promise<void>;
}

let memoryPouchConstructor: PouchConstructor | null = null;

/** PouchDB with the in-memory adapter; plugins register once per process (a second `plugin()` call throws). */
function memoryPouch(): PouchConstructor {
  memoryPouchConstructor ??= (requireCompare('pouchdb-core') as PouchConstructor)
    .plugin(requireCompare('pouchdb-adapter-memory'))
    .plugin(requireCompare('pouchdb-adapter-http'))
    .plugin(requireCompare('pouchdb-mapreduce'))
    .plugin(requireCompare('pouchdb-replication'))
    .defaults({ adapter: 'memory' });
  return memoryPouchConstructor;
}

/**
 * express-pouchdb (what pouchdb-server is made of) over PouchDB's in-memory adapter, on loopback, serving the
 * bench pages from the same origin so the page replicates without CORS. The in-memory store spares it any disk
 * work, which only flatters it next to our SQLite file.
 */
export async function startCouchCompatibleServer(staticDir: string): Promise<CouchCompatibleServer> {
  const express = requireCompare('express') as ExpressModule;
  const expressPouchDb = requireCompare('express-pouchdb') as (pouch: PouchConstructor, options: object) => unknown;
  const MemoryPouch = memoryPouch();
  const app = express();
  // minimumForPouchDB: the routes replication needs, and no config or log files written to the working folder.
  app.use('/db', expressPouchDb(MemoryPouch, { mode: 'minimumForPouchDB' }));
  app.use(express.static(staticDir));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // Asked over HTTP, as a CouchDB client would: the answer is what the server really holds.
    docCount: async (dbName) => {
      const info = (await (await fetch(`http://127.0.0.1:${port}/db/${dbName}`)).json()) as { doc_count: number };
      return info.doc_count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
