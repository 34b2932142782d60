import { randomBytes } from 'node:crypto';
import { fail } from '../errors/slurm-errors.js';

/**
 * A field delimiter fresh for each call: the ASCII unit separator around random hex. User data
 * (job names, comments, paths) cannot predict it, so it cannot forge a field boundary, and a
 * newline inside a field is harmless because records are cut on the delimiter, not on lines.
 */
export function freshDelimiter(): string {
  return `\x1f${randomBytes(6).toString('hex')}\x1f`;
}

/**
 * Splits output written as records of `fieldCount` fields, each field followed by `delimiter`
 * and each record ended by a newline (`squeue -O 'F:<d>,…'`, `sacct -p --delimiter=<d>`). The
 * first field of each record must not contain a newline (a job id); any banner before the first
 * record (`CLUSTER: name` with `-M`) is skipped.
 *
 * @throws `ParseError` (code `PARSE`) when the output does not have that shape.
 */
export function splitRecords(
  output: string,
  delimiter: string,
  fieldCount: number,
  what: string,
): string[][] {
  if (output.trim() === '') return [];
  const tokens = output.split(delimiter);
  const tail = tokens.pop()!;
  if (tail.trim() !== '' || tokens.length % fieldCount !== 0) {
    throw fail.parse({
      details: {
        raw: output.slice(0, 4096),
        what,
        reason: 'field_count',
        fields: tokens.length,
        fieldsPerRecord: fieldCount,
      },
    });
  }
  const records: string[][] = [];
  for (let i = 0; i < tokens.length; i += fieldCount) {
    const record = tokens.slice(i, i + fieldCount);
    // The record's first token still carries the previous record's newline (or a banner).
    const first = record[0]!;
    const cut = first.lastIndexOf('\n');
    record[0] = cut >= 0 ? first.slice(cut + 1) : first;
    records.push(record);
  }
  return records;
}
