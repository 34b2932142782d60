import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransferProgress, TransferResult } from '../fs/file-system.js';
import { progressMeter } from './progress-meter.js';

/** What {@link pipeTransfer} needs besides the two streams. */
export interface PipeOptions {
  total: number | undefined;
  intervalBytes: number;
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
}

/** Pipes `source` into `sink` through a progress meter; resolves when the sink has finished. */
export async function pipeTransfer(
  source: Readable,
  sink: Writable,
  options: PipeOptions,
): Promise<TransferResult> {
  const started = performance.now();
  const meter = progressMeter(options.total, options.intervalBytes, options.onProgress);
  await pipeline(source, meter, sink, options.signal ? { signal: options.signal } : {});
  return { bytes: meter.bytes, elapsedMs: performance.now() - started };
}
