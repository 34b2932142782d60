import { JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { quoteValue, renderBatchScript, shellQuote } from './batch-script.js';
import { formatSlurmDuration } from './slurm-duration.js';

describe('batch script', () => {
  it('renders every option of a full spec, then the environment and the command', () => {
    const spec = JobSpecSchema.parse({
      name: 'relax',
      command: 'srun vasp_std',
      account: 'electroplating',
      partition: 'cpu',
      qos: 'long',
      nodes: 2,
      coresPerNode: 64,
      memory: { perCore: '4G' },
      timeLimit: '1d12h',
      stdout: 'out-%j.log',
      environment: { OMP_NUM_THREADS: '1', GREETING: "it's fine" },
      dependencies: [{ type: 'afterok', jobIds: ['1000', '1001_2'] }],
      array: '0-9%2',
      hold: true,
      comment: 'a comment with "quotes"',
    });
    expect(renderBatchScript(spec, '/home/alice/runs')).toMatchInlineSnapshot(`
      "#!/bin/bash
      #SBATCH --job-name=relax
      #SBATCH --account=electroplating
      #SBATCH --partition=cpu
      #SBATCH --qos=long
      #SBATCH --nodes=2
      #SBATCH --ntasks-per-node=1
      #SBATCH --cpus-per-task=64
      #SBATCH --mem-per-cpu=4G
      #SBATCH --time=1-12:00:00
      #SBATCH --chdir=/home/alice/runs
      #SBATCH --output=out-%j.log
      #SBATCH --export=NONE
      #SBATCH --dependency=afterok:1000:1001_2
      #SBATCH --array=0-9%2
      #SBATCH --hold
      #SBATCH --comment="a comment with \\"quotes\\""

      export OMP_NUM_THREADS='1'
      export GREETING='it'\\''s fine'
      srun vasp_std
      "
    `);
  });

  it('applies directives: override in place, add, remove', () => {
    const spec = JobSpecSchema.parse({
      command: 'hostname',
      tasks: 4,
      gpusPerNode: 1,
      directives: { ntasks: '8', exclusive: true, export: null, 'mail-type': 'END' },
    });
    expect(renderBatchScript(spec, '/home/bob')).toMatchInlineSnapshot(`
      "#!/bin/bash
      #SBATCH --nodes=1
      #SBATCH --ntasks=8
      #SBATCH --gres=gpu:1
      #SBATCH --chdir=/home/bob
      #SBATCH --exclusive
      #SBATCH --mail-type=END

      hostname
      "
    `);
  });

  it("puts options after a given script's interpreter line and keeps its own #SBATCH block in force", () => {
    const spec = JobSpecSchema.parse({
      script: '#!/bin/sh\n#SBATCH --constraint=fast\n\necho hi\n',
      environment: { A: 'b' },
    });
    expect(renderBatchScript(spec, '/home/alice')).toBe(
      "#!/bin/sh\n#SBATCH --nodes=1\n#SBATCH --chdir=/home/alice\n#SBATCH --export=NONE\n#SBATCH --constraint=fast\n\nexport A='b'\necho hi\n",
    );
  });

  it('never lets a value break out of its #SBATCH line', () => {
    expect(quoteValue('two\nlines')).toBe('"two\\nlines"');
    expect(quoteValue('plain-1.0:x')).toBe('plain-1.0:x');
    expect(quoteValue('')).toBe('""');
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });

  it('formats time limits the way sbatch reads them', () => {
    expect([formatSlurmDuration(59), formatSlurmDuration(3600), formatSlurmDuration(90_061)]).toEqual([
      '00:00:59',
      '01:00:00',
      '1-01:01:01',
    ]);
  });
});
