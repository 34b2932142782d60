import { ParseError } from '@hpckit/core';

/** A CSV field: a string, or undefined for "no value" (written empty, distinct from `""`). */
export type CsvField = string | undefined;

/**
 * Writes one CSV record (RFC 4180, CRLF line ends). A field is quoted when it holds a comma,
 * quote or line break, and an empty string is written `""` so it reads back as empty rather than
 * absent.
 */
export function csvLine(fields: readonly CsvField[]): string {
  return `${fields
    .map((f) => {
      if (f === undefined) return '';
      if (f === '' || /[",\r\n]/.test(f)) return `"${f.replaceAll('"', '""')}"`;
      return f;
    })
    .join(',')}\r\n`;
}

/**
 * Reads CSV text (RFC 4180) into records; an unquoted empty field reads as undefined.
 *
 * @throws `ParseError` on an unterminated quote or text after a closing quote.
 */
export function parseCsv(text: string): CsvField[][] {
  const rows: CsvField[][] = [];
  let row: CsvField[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let field: CsvField;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw bad(text, 'a quoted field is not closed', '有一个带引号的字段没有闭合');
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      field = value;
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw bad(
          text,
          `unexpected text after a closing quote at offset ${i}`,
          `偏移 ${i} 处的闭合引号后有意外的文本`,
        );
      }
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
      field = end === i ? undefined : text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    // Line end: CRLF or LF.
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    i++;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}

function bad(raw: string, what: string, whatZh: string): ParseError {
  return new ParseError({
    details: { raw: raw.slice(0, 200), what: 'CSV text' },
    message: `Could not read the CSV text: ${what}.`,
    hint: 'Export the file again, or check that no program changed its quoting.',
    translations: {
      'zh-CN': `无法读取 CSV 文本：${whatZh}。请重新导出该文件，或检查是否有程序改动了其中的引号。`,
    },
  });
}
