import { billingRules } from '../errors/billing-rules.js';
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
        if (i >= n) throw bad(text);
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
        throw bad(text, i);
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

/** The text is no CSV: a quote never closed, or (at `offset`) text after a closing quote. */
function bad(raw: string, offset?: number): ParseError {
  return new ParseError({
    details: { raw: raw.slice(0, 200), what: 'CSV text' },
    ...billingRules.errorText('csv_unreadable', offset === undefined ? {} : { count: offset }),
  });
}
