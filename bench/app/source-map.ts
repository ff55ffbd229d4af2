// A minimal source map v3 reader: decodes the VLQ `mappings` and cuts a generated file into the spans each
// original source produced, so a bundle's minified bytes can be attributed to the files (and packages) they
// came from. Only what attribution needs: generated column and source index per segment.

export interface RawSourceMap {
  version: number;
  sources: string[];
  mappings: string;
  sourceRoot?: string;
}

/** One mapping segment: from `column` of its generated line on, the text came from `source` (-1: unmapped). */
export interface Segment {
  column: number;
  source: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/** Decodes `mappings` into segments per generated line. Source indexes are made absolute (they are deltas). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let line: Segment[] = [];
  let column = 0;
  let source = 0;
  const fields: number[] = [];
  let i = 0;
  while (i < mappings.length) {
    const ch = mappings.charCodeAt(i);
    if (ch === 59 /* ; */) {
      lines.push(line);
      line = [];
      column = 0;
      i++;
      continue;
    }
    if (ch === 44 /* , */) {
      i++;
      continue;
    }
    fields.length = 0;
    while (i < mappings.length && mappings[i] !== ',' && mappings[i] !== ';') {
      let value = 0;
      let shift = 0;
      let digit: number;
      do {
        const code = mappings.charCodeAt(i++);
        digit = code < 128 ? (DIGIT[code] as number) : -1;
        if (digit < 0) throw new Error(`source map: bad VLQ character at ${i - 1}`);
        // Multiplication, not <<: a field may need more than 31 bits of shift in pathological maps.
        value += (digit & 31) * 2 ** shift;
        shift += 5;
      } while (digit & 32);
      fields.push(value % 2 === 1 ? -Math.floor(value / 2) : value / 2);
    }
    column += fields[0] ?? 0;
    if (fields.length >= 4) {
      source += fields[1] as number;
      line.push({ column, source });
    } else {
      line.push({ column, source: -1 });
    }
  }
  lines.push(line);
  return lines;
}

/**
 * The generated text of `code` per source index (key -1 holds text no segment maps: newlines, text before a
 * line's first segment, and segments without a source). Columns are UTF-16 offsets, as JavaScript strings index.
 */
export function textBySource(code: string, map: RawSourceMap): Map<number, string[]> {
  const decoded = decodeMappings(map.mappings);
  const codeLines = code.split('\n');
  const out = new Map<number, string[]>();
  const add = (source: number, text: string): void => {
    if (text === '') return;
    const list = out.get(source);
    if (list) list.push(text);
    else out.set(source, [text]);
  };
  codeLines.forEach((text, index) => {
    const segments = decoded[index] ?? [];
    add(-1, text.slice(0, segments[0]?.column ?? text.length));
    segments.forEach((segment, s) => {
      const end = segments[s + 1]?.column ?? text.length;
      add(segment.source, text.slice(segment.column, end));
    });
    if (index < codeLines.length - 1) add(-1, '\n');
  });
  return out;
}
