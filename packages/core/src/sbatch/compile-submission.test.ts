import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type JobSpecInput, JobSpecSchema } from '../model/job-spec.js';
import { compileSubmission, renderBatchScript } from './compile-submission.js';

const spec = (input: Partial<JobSpecInput>) => JobSpecSchema.parse({ command: 'true', ...input });
const argv = (input: Partial<JobSpecInput>, comment?: string) =>
  compileSubmission(spec(input), { workingDirectory: '/home/alice', comment }).command.slice(2);

describe('compileSubmission', () => {
  it('maps every spec field to its sbatch option, one argv word each', () => {
    const words = argv(
      {
        name: 'relax job',
        account: 'electroplating',
        partition: 'gpu',
        qos: 'long',
        nodes: 2,
        coresPerNode: 8,
        gpusPerNode: 1,
        memory: { perGpu: '192G' },
        timeLimit: '90m',
        stdout: 'out %j.txt',
        stderr: 'err.txt',
        dependencies: [
          { type: 'afterok', jobIds: ['1', '2'] },
          { type: 'afterany', jobIds: ['3'] },
        ],
        array: '0-9%2',
        hold: true,
      },
      'hpckit:k note',
    );
    expect(words).toEqual([
      '--job-name=relax job',
      '--account=electroplating',
      '--partition=gpu',
      '--qos=long',
      '--nodes=2',
      '--ntasks-per-node=1',
      '--cpus-per-task=8',
      '--gres=gpu:1',
      '--mem-per-gpu=192G',
      '--time=01:30:00',
      '--chdir=/home/alice',
      '--output=out %j.txt',
      '--error=err.txt',
      '--export=NONE',
      '--dependency=afterok:1:2,afterany:3',
      '--array=0-9%2',
      '--hold',
      '--comment=hpckit:k note',
    ]);
  });

  it('uses task fields as given and exports the environment only when asked', () => {
    expect(argv({ tasks: 8, tasksPerNode: 4, cpusPerTask: 2, nodes: 2, inheritEnvironment: true })).toEqual(
      expect.arrayContaining(['--ntasks=8', '--ntasks-per-node=4', '--cpus-per-task=2', '--export=ALL']),
    );
  });

  it('lets directives override, add and remove generated options', () => {
    const words = argv({
      memory: { perNode: '4G' },
      timeLimit: '1h',
      directives: { 'mem-per-cpu': '2G', exclusive: true, export: null, time: '2:00:00' },
    });
    expect(words).toContain('--mem-per-cpu=2G');
    expect(words).not.toContain('--mem=4G');
    expect(words).toContain('--exclusive');
    expect(words.some((w) => w.startsWith('--export'))).toBe(false);
    expect(words).toContain('--time=02:00:00');
  });

  it('repeats what a script asks for on the command line, so a retry reads the same job', () => {
    const words = argv({ command: undefined, script: '#!/bin/bash\n#SBATCH -p gpu -t 30 -N 2\nx\n' });
    expect(words).toEqual(expect.arrayContaining(['--partition=gpu', '--time=00:30:00', '--nodes=2']));
  });

  it('keeps hostile values inside their own word', () => {
    const name = "x' --wrap='touch /tmp/p' \n$(id)";
    expect(argv({ name })).toContain(`--job-name=${name}`);
  });

  it('puts sbatch, cluster arguments and --parsable first', () => {
    const { command } = compileSubmission(
      spec({ partition: 'cpu' }),
      { workingDirectory: '/w' },
      { sbatch: '/opt/slurm/bin/sbatch', clusterArgs: ['-M', 'c2'], shell: '/bin/bash' },
    );
    expect(command.slice(0, 4)).toEqual(['/opt/slurm/bin/sbatch', '-M', 'c2', '--parsable']);
    expect(command).toContain('--chdir=/w');
  });
});

describe('renderBatchScript', () => {
  it('wraps a command under an interpreter line and exports the environment, quoted', () => {
    const env = { A: "it's $(id) `id`\nnext", B: 'plain' };
    const script = renderBatchScript(
      spec({ command: 'printf "%s|%s" "$A" "$B"', environment: env }),
      '/bin/bash',
    );
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    // Running the script proves the values arrive byte for byte and nothing in them ran.
    const out = spawnSync('/bin/bash', ['-c', script], { encoding: 'utf8' });
    expect(out.stdout).toBe(`${env.A}|${env.B}`);
  });

  it('adds exports to a complete script after its #SBATCH lines, which sbatch stops reading at the first command', () => {
    const script = renderBatchScript(
      spec({
        command: undefined,
        script: '#!/bin/sh\n#SBATCH --time=5\n\n#SBATCH -J x\necho $V\n',
        environment: { V: 'v' },
      }),
      '/bin/bash',
    );
    expect(script).toBe('#!/bin/sh\n#SBATCH --time=5\n\n#SBATCH -J x\nexport V=v\necho $V\n');
  });
});
