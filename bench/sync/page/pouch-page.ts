// Bench page for PouchDB in the page, as the Community Health Toolkit's app runs it, replicating to a
// CouchDB-compatible server (express-pouchdb): as shipped ('default') and in its fastest setup ('best').
import PouchDB from '@compare/pouchdb-browser';
import IndexeddbAdapter from '@compare/pouchdb-adapter-indexeddb';
import type { PouchBench, PouchVariant } from './bench-api.ts';
import { createRequestMeter } from './request-meter.ts';

PouchDB.plugin(IndexeddbAdapter);

const locals = {
  // pouchdb-browser's own adapter ('idb').
  default: new PouchDB('bench-pouch'),
  // The newer adapter, one IndexedDB store per database with native indexes: PouchDB's fastest in a browser.
  best: new PouchDB('bench-pouch-indexeddb', { adapter: 'indexeddb' }),
};

/** PouchDB's defaults (batch_size 100, batches_limit 10, which CHT keeps); the best variant sends 500 a batch. */
const REPLICATE_OPTIONS = { default: {}, best: { batch_size: 500 } };

const bench: PouchBench = {
  async load(changes, variant: PouchVariant) {
    const local = locals[variant];
    const started = performance.now();
    // One document per record, keyed like CHT keys its docs; written locally before the timed replication.
    const docs = changes.map((change) => ({
      _id: `${change.table}:${String(change.record.id)}`,
      type: change.table,
      ...change.record,
    }));
    for (let i = 0; i < docs.length; i += 500) await local.bulkDocs(docs.slice(i, i + 500));
    return { records: (await local.info()).doc_count, seedMs: performance.now() - started };
  },

  async replicate(remoteUrl, variant: PouchVariant) {
    const local = locals[variant];
    const meter = createRequestMeter(() => 'couch', fetch.bind(window));
    const remote = new PouchDB(remoteUrl, { fetch: meter.fetch });
    const started = performance.now();
    const result = await local.replicate.to(remote, REPLICATE_OPTIONS[variant]);
    const totalMs = performance.now() - started;
    if (!result.ok || result.doc_write_failures > 0) throw new Error(`replication failed: ${JSON.stringify(result)}`);
    const [mine, theirs] = await Promise.all([local.info(), new PouchDB(remoteUrl).info()]);
    return {
      totalMs,
      leftInQueue: mine.doc_count - theirs.doc_count,
      requests: meter.count(),
      bytesSent: meter.bytesSent(),
      docsWritten: result.docs_written,
    };
  },
};

window.pouchBench = bench;
