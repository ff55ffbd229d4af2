// RFC 4180 CSV: quoted fields with embedded commas, quotes ("") and line breaks; CRLF or LF; a UTF-8 BOM dropped.

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  fields: string[];
  /** The file line the record starts on (a quoted field may span lines). */
  line: number;
}

export function parseCsv(text: string): CsvRecord[] {
  const rows: CsvRecord[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    // A blank line is no record.
    if (!(row.length === 1 && row[0] === '' && !fieldStarted)) rows.push({ fields: row, line: recordLine });
    row = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(`unexpected character after a closing quote`, line);
        }
        continue;
      }
      if (char === '\n') line++;
      field += char;
      i++;
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new CsvSyntaxError('a quote inside an unquoted field', line);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (char === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', line);
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}

/** One CSV line (no line break); a field is quoted only when it has to be. */
export function formatCsvRow(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) || /^\s|\s$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
