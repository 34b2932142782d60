import { NotFoundError } from '@hpckit/core';
import type { SessionFiles } from './session-files.js';

/** An in-memory {@link SessionFiles} with the file map exposed, for harnesses and tests. */
export interface MemorySessionFiles extends SessionFiles {
  /** Every file by absolute path. */
  readonly files: Map<string, string>;
  /** Every directory created. */
  readonly directories: Set<string>;
}

/**
 * Creates in-memory session files rooted at `home`.
 *
 * @example
 * ```ts
 * const files = memorySessionFiles('/home/alice');
 * ```
 */
export function memorySessionFiles(home = '/home/user'): MemorySessionFiles {
  const files = new Map<string, string>();
  const directories = new Set<string>([home]);
  return {
    files,
    directories,
    home: async () => home,
    async readFile(path) {
      const text = files.get(path);
      if (text === undefined)
        throw new NotFoundError({
          details: { kind: 'file', id: path, reason: 'no_such_file', operation: 'read' },
        });
      return text;
    },
    async writeFile(path, text) {
      files.set(path, text);
    },
    async mkdir(path) {
      const parts = path.split('/');
      for (let i = 2; i <= parts.length; i++) directories.add(parts.slice(0, i).join('/'));
    },
    exists: async (path) => files.has(path) || directories.has(path),
  };
}
