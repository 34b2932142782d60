import { parseInput, type ValidationSubject } from '@hpckit/core';
import { z } from 'zod';
import { remoteRules } from '../errors/remote-rules.js';

const MaxBytesSchema = z
  .number()
  .int({ error: remoteRules.error('max_bytes_whole') })
  .positive()
  .optional();
const StartSchema = z
  .number()
  .int({ error: remoteRules.error('start_whole') })
  .nonnegative()
  .optional();

/** The caller's `maxBytes` of `readFile`/`preview`, validated, or the file system's default. */
export function readLimitOf(
  options: { maxBytes?: number },
  fallback: number,
  subject: ValidationSubject,
): number {
  return parseInput(MaxBytesSchema, options.maxBytes, subject, ['maxBytes']) ?? fallback;
}

/** The caller's `start` of `createReadStream`, validated. */
export function readStartOf(options: { start?: number }): number {
  return parseInput(StartSchema, options.start, remoteRules.subject('read_stream_options'), ['start']) ?? 0;
}
