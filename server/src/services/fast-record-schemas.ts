import { z } from 'zod';
import { InstantSchema, RecordMetaSchema, TABLES, type TableName } from '../../../protocol/index.ts';

/**
 * The protocol's record schemas as the server runs them: each one compiled by zod itself (`z.compile`, zod 4.6's
 * ahead-of-time compilation), so a record is judged by generated, loop-free code first and by zod's ordinary parser
 * only when that code finds a problem. The compiled schema is a clone of the protocol's: same output, and a
 * refusal is the ordinary parser's own refusal, issues and messages included (zod's documented contract;
 * test/server/validate-change-fast.test.ts holds the two to the same answers on every seeded record, hand-made bad
 * ones and randomly mutated ones). In the ingest profile zod's walk of the record was about half of the
 * validation time (docs/benchmarks.md, "Issue 14, deliverable 3: validation compiled").
 *
 * Only the server compiles: the phone keeps the protocol's schemas as they are (compiling costs about 10 ms per
 * schema and generated code, and the phone validates one record per kader tap).
 */

/** A deleted record carries its meta (and may say when it was deleted); its other fields are not checked. */
export const DeleteRecordSchema = RecordMetaSchema.extend({ deletedAt: InstantSchema.optional() });

/** Compiled without `strict`: a schema zod cannot compile comes back unchanged, slower but never wrong. */
function compiled<T extends z.ZodType>(schema: T): T {
  return z.compile(schema);
}

type RecordSchema = z.ZodType<Record<string, unknown>>;

/**
 * Compiled on first use, table by table: compiling all ten took about 100 ms at load 8, which a server pays once
 * but the admin CLI and every test that never pushes need not.
 */
const compiledTables = new Map<TableName, RecordSchema>();
let compiledDelete: RecordSchema | undefined;

/** The schema a change's record is judged by: its table's for an upsert, the meta's for a delete. */
export function recordSchemaFor(table: TableName, op: 'upsert' | 'delete'): RecordSchema {
  if (op === 'delete') return (compiledDelete ??= compiled(DeleteRecordSchema));
  let schema = compiledTables.get(table);
  if (!schema) {
    schema = compiled<RecordSchema>(TABLES[table].schema);
    compiledTables.set(table, schema);
  }
  return schema;
}

/** The same choice on the protocol's own schemas: the contract the compiled ones are held to. */
export function protocolSchemaFor(table: TableName, op: 'upsert' | 'delete'): RecordSchema {
  return op === 'delete' ? DeleteRecordSchema : TABLES[table].schema;
}
