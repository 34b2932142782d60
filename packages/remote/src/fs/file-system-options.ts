import { z } from 'zod';

/** Limits shared by every {@link FileSystem} implementation. */
export const FileSystemLimitsSchema = z.object({
  /**
   * Largest file `readFile` returns whole, in bytes, counted as it is read (a size from stat is
   * not trusted: /proc files say 0, files grow). @default 67108864 (64 MiB)
   */
  maxReadBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /**
   * Bytes `preview` returns when the caller names no limit (it reads at most one more).
   * @default 262144 (256 KiB)
   */
  previewBytes: z
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Bytes between two progress events of a transfer. @default 1048576 (1 MiB) */
  progressIntervalBytes: z
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
});

/** Validated file-system limits. */
export type FileSystemLimits = z.output<typeof FileSystemLimitsSchema>;
