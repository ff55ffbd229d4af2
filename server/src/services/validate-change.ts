import type { z } from 'zod';
import { effectiveHlc } from './server-clock.ts';
import { parseChangeEnvelope } from './change-envelope.ts';
import { protocolSchemaFor, recordSchemaFor } from './fast-record-schemas.ts';
import {
  ChangeSchema,
  META_FIELDS,
  TABLES,
  describeValidation,
  isTableName,
  type Change,
  type ChangeResult,
  type PushEnvelope,
  type TableName,
} from '../../../protocol/index.ts';

/** The sender, as its token proves it: the only source of a record's author. */
export interface Sender {
  deviceId: string;
  posyanduId: string;
  kaderId: string;
}

/** A change as the envelope let it through: only its changeId is known to be sound. */
export type IncomingChange = PushEnvelope['changes'][number];

export type Rejection = NonNullable<ChangeResult['error']>;

export interface ValidChange {
  change: Change;
  table: TableName;
  kind: 'mutable' | 'event';
  /**
   * The record as the server keeps it: parsed by its schema (unknown fields dropped), `recordedBy` from the token,
   * `hlc` the effective stamp.
   */
  record: Record<string, unknown>;
  /** The record as the phone sent it, after its schema: what the version keeps, claims included. */
  sent: Record<string, unknown>;
  recordId: string;
  hlc: string;
  fields: string[] | null;
}

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

const schemaFieldSetCache = new Map<TableName, ReadonlySet<string>>();

/** The same, as a set: asked for every change that names its edited fields. */
function schemaFieldSet(table: TableName): ReadonlySet<string> {
  let fields = schemaFieldSetCache.get(table);
  if (!fields) {
    fields = new Set(schemaFields(table));
    schemaFieldSetCache.set(table, fields);
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

/** How a change and its record are parsed: both ways below give the same answers, one faster. */
interface Parsers {
  envelope: (incoming: IncomingChange) => ReturnType<typeof parseChangeEnvelope>;
  record: typeof recordSchemaFor;
}

const FAST: Parsers = { envelope: parseChangeEnvelope, record: recordSchemaFor };
const ZOD_ALONE: Parsers = { envelope: (incoming) => ChangeSchema.safeParse(incoming), record: protocolSchemaFor };

/**
 * Everything that can be judged from the change alone, before any database read: the change's own shape, the
 * table, the record's shape against the protocol schema, and whose posyandu it belongs to.
 */
export function validateChange(
  incoming: IncomingChange,
  sender: Sender,
  nowMs: number = Date.now(),
): ValidChange | Rejection {
  return judge(FAST, incoming, sender, nowMs);
}

/**
 * The same judgement with every parse left to the protocol's zod schemas as written: the contract validateChange
 * is held to (test/server/validate-change-fast.test.ts) and the "before" of bench/server-validation.bench.ts.
 */
export function validateChangeByZod(
  incoming: IncomingChange,
  sender: Sender,
  nowMs: number = Date.now(),
): ValidChange | Rejection {
  return judge(ZOD_ALONE, incoming, sender, nowMs);
}

function judge(parsers: Parsers, incoming: IncomingChange, sender: Sender, nowMs: number): ValidChange | Rejection {
  const shape = parsers.envelope(incoming);
  if (!shape.success) {
    const inRecord = shape.error.issues.every((issue) => issue.path[0] === 'record');
    return {
      code: inRecord ? 'invalid-record' : 'invalid-request',
      message: `Bentuk perubahan tidak sah. ${describeIssues(shape.error.issues)}`,
    };
  }
  const change = shape.data;
  if (!isTableName(change.table)) {
    return { code: 'unknown-table', message: `Jenis data "${change.table}" tidak dikenal server.` };
  }
  const { kind } = TABLES[change.table];
  if (kind === 'event' && change.op === 'delete') {
    return {
      code: 'immutable-record',
      message: 'Catatan kejadian tidak bisa dihapus. Buat catatan pengganti yang menunjuk catatan ini (supersedes).',
    };
  }
  const parsed = parsers.record(change.table, change.op).safeParse(change.record);
  if (!parsed.success) {
    return { code: 'invalid-record', message: describeIssues(parsed.error.issues) };
  }
  const sent = parsed.data as Record<string, unknown>;
  if (sent.posyanduId !== sender.posyanduId) {
    return { code: 'forbidden-posyandu', message: 'Data ini milik posyandu lain, jadi tidak disimpan.' };
  }
  if (change.table === 'referrals' && sent.authoredBy !== undefined) {
    return { code: 'invalid-record', message: 'Hasil rujukan dari puskesmas hanya dicatat oleh puskesmas.' };
  }
  let fields: string[] | null = null;
  if (change.fields) {
    if (kind === 'event') {
      return { code: 'invalid-record', message: 'Catatan kejadian tidak bisa diubah sebagian (fields).' };
    }
    const known = schemaFieldSet(change.table);
    const unknown = change.fields.filter((f) => !known.has(f));
    if (unknown.length > 0) {
      return { code: 'invalid-record', message: `Kolom tidak dikenal: ${unknown.join(', ')}.` };
    }
    fields = change.fields.filter((f) => !META.has(f));
  }
  // Events never merge by stamp, so only a mutable record's stamp is brought back to the server's time; an event
  // resent later must still compare equal to itself.
  const hlc = effectiveHlc(String(sent.hlc), sender.deviceId, nowMs, kind === 'mutable');
  // Nearly always the phone's own stamp stands and it names its own kader: the record kept is then the record sent,
  // the same object, so no copy is made and an event's version is known at once to repeat its record
  // (db/event-version-copy.ts; comparing two equal copies field by field cost ~1.4 µs a change, issue 14).
  // The schema gives recordedBy its keys in one order, so the shared object is the copy's JSON, key order included.
  const record =
    hlc === sent.hlc && sameAuthor(sent.recordedBy, sender)
      ? sent
      : { ...sent, hlc, recordedBy: { kaderId: sender.kaderId, deviceId: sender.deviceId } };
  return {
    change,
    table: change.table,
    kind,
    record,
    sent,
    recordId: String(sent.id),
    hlc,
    fields,
  };
}

function sameAuthor(recordedBy: unknown, sender: Sender): boolean {
  const claimed = recordedBy as { kaderId?: unknown; deviceId?: unknown } | undefined;
  return claimed?.kaderId === sender.kaderId && claimed.deviceId === sender.deviceId;
}

export function isRejection(value: ValidChange | Rejection): value is Rejection {
  return 'code' in value;
}
