// The wire's version and size limits, without zod: the phone's push sizes its batches by them before any schema
// is loaded (sync.ts re-exports them beside the schemas).

/** Bumped only for a breaking change of the wire format; additions keep the number. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

export const MAX_CHANGES_PER_PUSH = 1000;
export const MAX_PUSH_BYTES = 2 * 1024 * 1024;
export const MAX_PULL_LIMIT = 2000;
/** Brackets nested deeper than this anywhere in a push body refuse it before it is parsed. */
export const MAX_JSON_DEPTH = 32;
/** More than every table's schema knows: a record is refused, not truncated, above it. */
export const MAX_RECORD_FIELDS = 100;
