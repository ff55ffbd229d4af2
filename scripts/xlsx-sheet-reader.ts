// Reads the first worksheet of an .xlsx file into rows of cell strings. Enough for WHO's plain numeric tables:
// shared strings, inline strings and numbers; no formulas are evaluated (the cached value is what is read).
import { strFromU8, unzipSync } from 'fflate';

export type SheetRow = string[];

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity] ?? '';
  });
}

/** The text of each <si> entry, with rich-text runs joined. */
function readSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const strings: string[] = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    const parts = [...(si[1] ?? '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1] ?? ''));
    strings.push(parts.join(''));
  }
  return strings;
}

/** Column letters of a cell reference ("AB12" -> 27, zero-based). */
function columnIndex(ref: string): number {
  let index = 0;
  for (const char of ref) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

function firstSheetPath(files: Record<string, Uint8Array>): string {
  const workbookRels = files['xl/_rels/workbook.xml.rels'];
  const workbook = files['xl/workbook.xml'];
  if (workbook && workbookRels) {
    const sheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(workbook));
    const rels = strFromU8(workbookRels);
    if (sheet) {
      const rel = new RegExp(`<Relationship\\b[^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels);
      const relReversed = new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
      const target = rel?.[1] ?? relReversed?.[1];
      if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

/** Rows of the first worksheet; a missing cell is ''. Throws on a file that is not an xlsx workbook. */
export function readFirstSheet(xlsx: Uint8Array): SheetRow[] {
  const files = unzipSync(xlsx);
  const sheetFile = files[firstSheetPath(files)];
  if (!sheetFile) throw new Error('no worksheet in the workbook');
  const sharedFile = files['xl/sharedStrings.xml'];
  const shared = readSharedStrings(sharedFile ? strFromU8(sharedFile) : undefined);
  const rows: SheetRow[] = [];
  for (const rowMatch of strFromU8(sheetFile).matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const row: SheetRow = [];
    for (const cell of (rowMatch[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? '';
      const body = cell[2] ?? '';
      const ref = /\br="([A-Z]+)\d+"/.exec(attributes)?.[1];
      const type = /\bt="(\w+)"/.exec(attributes)?.[1];
      const column = ref ? columnIndex(ref) : row.length;
      let value = '';
      if (type === 'inlineStr') {
        value = [...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1] ?? '')).join('');
      } else {
        const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        if (raw !== undefined) value = type === 's' ? (shared[Number(raw)] ?? '') : decodeXml(raw);
      }
      while (row.length < column) row.push('');
      row[column] = value;
    }
    rows.push(row);
  }
  return rows;
}
