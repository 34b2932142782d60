import { parseInput } from '@hpckit/core';
import { z } from 'zod';

const MaxBytesSchema = z.number().int('maxBytes must be a whole number of bytes').positive().optional();
const StartSchema = z.number().int('start must be a whole byte offset').nonnegative().optional();

/** The caller's `maxBytes` of `readFile`/`preview`, validated, or the file system's default. */
export function readLimitOf(options: { maxBytes?: number }, fallback: number, subject: string): number {
  return parseInput(MaxBytesSchema, options.maxBytes, subject, ['maxBytes']) ?? fallback;
}

/** The caller's `start` of `createReadStream`, validated. */
export function readStartOf(options: { start?: number }): number {
  return parseInput(StartSchema, options.start, 'read stream options', ['start']) ?? 0;
}
