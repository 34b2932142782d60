import { parseInput } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';

/** A terminal's rows or columns: a whole number 1–1000, never text that could reach a shell. */
export const TERMINAL_SIZE = z.number().int().min(1).max(1000);

const SizeSchema = z.object({ rows: TERMINAL_SIZE, cols: TERMINAL_SIZE });

/** `rows` and `cols` checked (`ValidationError` with subject "terminal size" otherwise). */
export function checkTerminalSize(rows: number, cols: number): z.output<typeof SizeSchema> {
  return parseInput(SizeSchema, { rows, cols }, remoteRules.subject('terminal_size'));
}
