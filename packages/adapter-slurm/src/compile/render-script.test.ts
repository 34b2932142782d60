import { spawnSync } from 'node:child_process';
import { type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { compileSubmission, renderScript } from './render-script.js';

const spec = (input: Partial<JobSpecInput>) => JobSpecSchema.parse(input);

describe('renderScript', () => {
  it('wraps a command under an interpreter line and exports the environment, quoted', () => {
    const env = { A: "it's $(id) `id`\nnext", B: 'plain' };
    const script = renderScript(spec({ command: 'printf "%s|%s" "$A" "$B"', environment: env }), '/bin/bash');
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    // Running the script proves the values arrive byte for byte and nothing in them ran.
    const out = spawnSync('/bin/bash', ['-c', script], { encoding: 'utf8' });
    expect(out.stdout).toBe(`${env.A}|${env.B}`);
  });

  it('adds exports to a complete script after its #SBATCH lines, which sbatch stops reading at the first command', () => {
    const script = renderScript(
      spec({ script: '#!/bin/sh\n#SBATCH --time=5\n\n#SBATCH -J x\necho $V\n', environment: { V: 'v' } }),
      '/bin/bash',
    );
    expect(script).toBe('#!/bin/sh\n#SBATCH --time=5\n\n#SBATCH -J x\nexport V=v\necho $V\n');
  });
});

describe('compileSubmission', () => {
  it('puts sbatch, cluster arguments and --parsable first', () => {
    const { command } = compileSubmission(
      spec({ command: 'true', partition: 'cpu' }),
      { workingDirectory: '/w' },
      { sbatch: '/opt/slurm/bin/sbatch', clusterArgs: ['-M', 'c2'], shell: '/bin/bash' },
    );
    expect(command.slice(0, 4)).toEqual(['/opt/slurm/bin/sbatch', '-M', 'c2', '--parsable']);
    expect(command).toContain('--chdir=/w');
  });
});
