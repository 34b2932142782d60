import { parseInput } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';

/** A terminal's rows or columns: a whole number 1–1000, never text that could reach a shell. */
export const TERMINAL_SIZE = z.number().int().min(1).max(1000);

const SizeSchema = z.object({ rows: TERMINAL_SIZE, cols: TERMINAL_SIZE });

/**
 * A terminal's size, checked: `rows` and `cols` whole numbers from 1 to 1000, as `openShell`,
 * `fileSystemShell` and `bridgeTerminal` take them. For a portal checking the size a browser asks
 * for before it opens anything.
 *
 * @throws `ValidationError` (subject "terminal size") naming the bad field and the range.
 * @example
 * ```ts
 * const query = new URL('/shell/socket?rows=40&cols=120', 'http://portal').searchParams; // a request's
 * const { rows, cols } = checkTerminalSize(Number(query.get('rows')), Number(query.get('cols')));
 * ```
 */
export function checkTerminalSize(rows: number, cols: number): z.output<typeof SizeSchema> {
  return parseInput(SizeSchema, { rows, cols }, remoteRules.subject('terminal_size'));
}
