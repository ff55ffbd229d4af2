import ExcelJS from 'exceljs';

/** One table of a download: a header row of column names and the rows under it. */
export interface Sheet {
  /** The worksheet's name in the XLSX (31 characters at most, Excel's limit). */
  name: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

/**
 * CSV for Excel as installed in Indonesia (docs/reports.md, "Downloads"): Windows set to Indonesian uses ';' as the
 * list separator and ',' as the decimal mark, so a comma-separated file opens as one column and '1.5' as a date or
 * text. Hence ';' between fields, a decimal comma in numbers, a UTF-8 byte-order mark (without it Excel reads
 * the file as ANSI and breaks names with accents) and CRLF line ends (RFC 4180).
 */
export const CSV_SEPARATOR = ';';

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  // A field that starts with = + - @ would be run as a formula by Excel (CSV injection): names come from phones.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.columns, ...sheet.rows].map((row) => row.map(csvField).join(CSV_SEPARATOR));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX keeps numbers as numbers (no separator question), one worksheet per sheet, the header row bold and frozen. */
export async function toXlsx(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Posyandu ILP';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.addRow([...sheet.columns]).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map((v) => (v === null ? undefined : v)));
    worksheet.columns.forEach((column, i) => {
      const widest = Math.max(...[sheet.columns, ...sheet.rows].map((r) => String(r[i] ?? '').length));
      column.width = Math.min(Math.max(widest + 2, 8), 60);
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
