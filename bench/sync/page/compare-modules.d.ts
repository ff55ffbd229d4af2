// The comparison libraries live in bench/sync/compare/node_modules, installed on demand; Vite maps these names
// there (build-bench-pages.ts). Only what the bench pages use is declared.
declare module '@compare/pouchdb-browser' {
  interface PouchInfo {
    doc_count: number;
    update_seq: number | string;
  }
  interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }
  interface PouchOptions {
    fetch?: (url: string, init?: RequestInit) => Promise<Response>;
    adapter?: string;
  }
  interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
  }
  class PouchDB {
    constructor(name: string, options?: PouchOptions);
    info(): Promise<PouchInfo>;
    bulkDocs(docs: readonly Record<string, unknown>[]): Promise<unknown[]>;
    destroy(): Promise<unknown>;
    replicate: { to(target: PouchDB | string, options?: ReplicateOptions): Promise<ReplicationResult> };
    static plugin(plugin: unknown): typeof PouchDB;
  }
  export default PouchDB;
}

declare module '@compare/pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}

declare module '@compare/workbox-background-sync' {
  export class Queue {
    constructor(name: string, options?: { forceSyncFallback?: boolean; onSync?: () => Promise<void> });
    pushRequest(entry: { request: Request }): Promise<void>;
    replayRequests(): Promise<void>;
    size(): Promise<number>;
  }
}
