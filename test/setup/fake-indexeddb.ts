// IndexedDB for Node: storage and sync tests run against this in-memory implementation.
import 'fake-indexeddb/auto';
