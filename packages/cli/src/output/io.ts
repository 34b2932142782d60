import Table from 'cli-table3';
import { scrub } from '@hpckit/site';

/** Where the CLI writes: stdout and stderr, scrubbed of the config's secrets. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress rewrites one line) or not (periodic lines). */
  isTTY: boolean;
}

/** The streams a run writes to. */
export interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** An {@link Io} over `streams` that replaces every current secret with `***` before writing. */
export function scrubbingIo(streams: Streams, secrets: () => readonly string[]): Io {
  return {
    out: (text) => void streams.stdout.write(scrub(text, secrets())),
    err: (text) => void streams.stderr.write(scrub(text, secrets())),
    isTTY: streams.stderr.isTTY === true,
  };
}

/** A plain table (no colours: it is read by people and by `grep` alike). */
export function table(head: string[], rows: (string | number | undefined)[][]): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 0 },
    chars: PLAIN,
  });
  for (const row of rows) t.push(row.map((c) => (c === undefined ? '' : String(c))));
  // cli-table pads the last column too; a line ending in spaces is noise in a diff or a log.
  return `${t.toString().replace(/ +$/gm, '')}\n`;
}

// Box-drawing-free borders: a table is as easy to paste into an email or a ticket as to read.
const PLAIN = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};
