import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobSpecSchema } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { localFileSystem } from '../fs/local-file-system.js';
import { scriptFileJob } from './script-file-job.js';

const home = mkdtempSync(join(tmpdir(), 'hpckit-script-'));
const files = localFileSystem({ home });
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('scriptFileJob', () => {
  it("submits the file as it is, from the script's directory, named after it", async () => {
    const text = '#!/bin/bash\n#SBATCH --mail-type="END"\necho "it\'s $HOME"\n';
    await files.mkdir('run 1');
    await files.writeFile('run 1/relax.sh', text);
    const spec = await scriptFileJob(files, 'run 1/relax.sh', { account: 'electroplating', timeLimit: '5m' });
    expect(spec).toEqual({
      name: 'relax.sh',
      workingDirectory: `${home}/run 1`,
      account: 'electroplating',
      timeLimit: '5m',
      script: text,
    });
    expect(JobSpecSchema.safeParse(spec).success).toBe(true);
    expect(
      (await scriptFileJob(files, 'run 1/relax.sh', { workingDirectory: '/scratch' })).workingDirectory,
    ).toBe('/scratch');
  });

  it('refuses files without an interpreter line, and missing files', async () => {
    await files.writeFile('plain.txt', 'echo hi\n');
    await expect(scriptFileJob(files, 'plain.txt')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(scriptFileJob(files, 'missing.sh')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a FIFO or a symlink to /dev/zero as the script, without blocking or reading forever', async () => {
    execFileSync('mkfifo', ['--', join(home, 'script.fifo')]);
    symlinkSync('/dev/zero', join(home, 'zero.sh'));
    for (const path of ['script.fifo', 'zero.sh']) {
      await expect(scriptFileJob(files, path)).rejects.toMatchObject({
        code: 'VALIDATION',
        details: { issues: [{ code: 'not_a_regular_file' }] },
      });
    }
  });
});
