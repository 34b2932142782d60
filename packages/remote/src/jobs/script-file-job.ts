import { posix } from 'node:path';
import type { JobSpecInput } from '@hpckit/core';
import { ValidationError } from '@hpckit/core';
import { remoteRules } from '../errors/remote-rules.js';
import type { FileSystem } from '../fs/file-system.js';

/** Largest script file read for submission, in bytes (Slurm's own default limit is 4 MiB). */
const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

/**
 * A job spec that submits the script file at `path` as it is: the file's text as `script`, its
 * directory as the default working directory and its name as the default job name. `overrides`
 * win (account, partition, time limit…). Pass the result to `client.jobs.submit`.
 *
 * @throws `NotFoundError` when the file is missing; `ValidationError` when it is too big or does
 * not start with an interpreter line (`#!`).
 *
 * @example
 * ```ts
 * const spec = await scriptFileJob(files, 'runs/relax.sh', { account: 'electroplating' });
 * const handle = await client.as('alice').jobs.submit(spec);
 * ```
 */
export async function scriptFileJob(
  files: FileSystem,
  path: string,
  overrides: Omit<JobSpecInput, 'script' | 'command'> = {},
): Promise<JobSpecInput> {
  const resolved = await files.resolve(path);
  const script = (await files.readFile(resolved, { maxBytes: MAX_SCRIPT_BYTES })).toString('utf8');
  if (!script.startsWith('#!')) {
    throw new ValidationError({
      details: {
        ...remoteRules.subject('script_file'),
        issues: [
          {
            ...remoteRules.validationIssue(['path'], 'no_interpreter_line', { value: resolved }),
            code: 'not_a_script',
          },
        ],
        reason: 'not_a_script',
      },
    });
  }
  return {
    name: posix.basename(resolved).slice(0, 200),
    workingDirectory: posix.dirname(resolved),
    ...overrides,
    script,
  };
}
