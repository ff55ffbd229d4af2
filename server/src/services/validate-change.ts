import type { z } from 'zod';
import {
  InstantSchema,
  META_FIELDS,
  RecordMetaSchema,
  TABLES,
  describeValidation,
  isTableName,
  type Change,
  type ChangeResult,
  type TableName,
} from '../../../protocol/index.ts';

export type Rejection = NonNullable<ChangeResult['error']>;

export interface ValidChange {
  change: Change;
  table: TableName;
  kind: 'mutable' | 'event';
  record: Record<string, unknown>;
  recordId: string;
  hlc: string;
  fields: string[] | null;
}

const DeleteRecordSchema = RecordMetaSchema.extend({ deletedAt: InstantSchema.optional() });

const schemaFieldCache = new Map<TableName, string[]>();

/** The record fields a table's schema knows, meta included. */
export function schemaFields(table: TableName): string[] {
  let fields = schemaFieldCache.get(table);
  if (!fields) {
    fields = Object.keys(TABLES[table].schema.shape);
    schemaFieldCache.set(table, fields);
  }
  return fields;
}

/** "Kolom nik: NIK tidak cocok ..." for each problem zod found, in the kader's words. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      const what = describeValidation(issue.message);
      return where ? `Kolom ${where}: ${what}` : what;
    })
    .join(' ');
}

const META = new Set<string>(META_FIELDS);

/**
 * Everything that can be judged from the change alone, before any database read: the table, the record's shape
 * against the protocol schema, and whose posyandu it belongs to.
 */
export function validateChange(change: Change, devicePosyanduId: string): ValidChange | Rejection {
  if (!isTableName(change.table)) {
    return { code: 'unknown-table', message: `Jenis data "${change.table}" tidak dikenal server.` };
  }
  const { kind, schema } = TABLES[change.table];
  if (kind === 'event' && change.op === 'delete') {
    return {
      code: 'immutable-record',
      message: 'Catatan kejadian tidak bisa dihapus. Buat catatan pengganti yang menunjuk catatan ini (supersedes).',
    };
  }
  const parsed = change.op === 'delete' ? DeleteRecordSchema.safeParse(change.record) : schema.safeParse(change.record);
  if (!parsed.success) {
    return { code: 'invalid-record', message: describeIssues(parsed.error.issues) };
  }
  const record = parsed.data as Record<string, unknown>;
  if (record.posyanduId !== devicePosyanduId) {
    return { code: 'forbidden-posyandu', message: 'Data ini milik posyandu lain, jadi tidak disimpan.' };
  }
  if (change.table === 'referrals' && record.authoredBy !== undefined) {
    return { code: 'invalid-record', message: 'Hasil rujukan dari puskesmas hanya dicatat oleh puskesmas.' };
  }
  // PostgreSQL's jsonb cannot hold U+0000; refusing it on both databases keeps their behaviour identical.
  if (JSON.stringify(change.record).includes('\\u0000')) {
    return { code: 'invalid-record', message: 'Isian berisi karakter yang tidak sah.' };
  }
  let fields: string[] | null = null;
  if (change.fields) {
    if (kind === 'event') {
      return { code: 'invalid-record', message: 'Catatan kejadian tidak bisa diubah sebagian (fields).' };
    }
    const known = new Set(schemaFields(change.table));
    const unknown = change.fields.filter((f) => !known.has(f));
    if (unknown.length > 0) {
      return { code: 'invalid-record', message: `Kolom tidak dikenal: ${unknown.join(', ')}.` };
    }
    fields = change.fields.filter((f) => !META.has(f));
  }
  return {
    change,
    table: change.table,
    kind,
    record,
    recordId: String(record.id),
    hlc: String(record.hlc),
    fields,
  };
}

export function isRejection(value: ValidChange | Rejection): value is Rejection {
  return 'code' in value;
}
