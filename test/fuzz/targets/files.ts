/**
 * File paths as a hostile user types them into a file browser, on the local file system (the
 * SFTP one shares the path rules and runs its hostile cases on the cluster): every read operation,
 * path resolution, and job output paths built from hostile patterns.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandJobPattern, jobFiles, localFileSystem, resolvePath, resolveWithin } from '@hpckit/remote';
import fc from 'fast-check';
import { fuzzTarget } from '../support/fuzz-target.js';
import { hostileText } from '../support/hostile.js';

const home = mkdtempSync(join(tmpdir(), 'hpckit-fuzz-'));
writeFileSync(join(home, 'a.txt'), 'x'.repeat(10_000));
const files = localFileSystem({ home, maxReadBytes: 4096, previewBytes: 1024 });

const segment = fc.oneof(hostileText, fc.constantFrom('.', '..', '', 'a.txt', '~', '\\', '*'));
const path = fc.oneof(
  fc.array(segment, { maxLength: 6 }).map((s) => s.join('/')),
  fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`),
  fc.constantFrom(
    '/dev/zero',
    '/dev/random',
    '/etc/passwd',
    '/proc/self/status',
    '/proc/self/fd/0',
    '/',
    home,
  ),
);

export const targets = [
  fuzzTarget({
    name: 'local file reads',
    arbitrary: path,
    run: async (p) => {
      await files.resolve(p);
      await files.exists(p);
      await files.stat(p).catch(rethrowTyped);
      await files.readFile(p).catch(rethrowTyped);
      await files.preview(p).catch(rethrowTyped);
      await files.list(p).catch(rethrowTyped);
    },
  }),
  fuzzTarget({
    name: 'resolvePath',
    arbitrary: fc.tuple(path, path),
    run: ([base, p]) => {
      resolvePath(`/${base}`, p);
      resolveWithin(`/${base}`, p);
    },
  }),
  fuzzTarget({
    name: 'job output paths',
    arbitrary: fc.record({ pattern: hostileText, name: hostileText, dir: hostileText }),
    run: ({ pattern, name, dir }) => {
      const job = {
        id: '1234_5',
        arrayJobId: '1234',
        arrayTaskId: 5,
        name,
        user: 'alice',
        workingDirectory: dir,
      };
      expandJobPattern(pattern, job);
      jobFiles({ ...job, stdoutPath: pattern, stderrPath: pattern });
    },
  }),
];

// Each read may fail for its own reason; only the kind of failure is under test.
function rethrowTyped(err: unknown): void {
  throw err;
}
