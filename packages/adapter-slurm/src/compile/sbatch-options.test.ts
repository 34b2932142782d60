import { type JobSpecInput, JobSpecSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { optionsToArgv, sbatchOptions } from './sbatch-options.js';

const spec = (input: Partial<JobSpecInput>) => JobSpecSchema.parse({ command: 'true', ...input });
const argv = (input: Partial<JobSpecInput>, comment?: string) =>
  optionsToArgv(sbatchOptions(spec(input), { workingDirectory: '/home/alice', comment }));

describe('sbatchOptions', () => {
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
      '--time=0-01:30:00',
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
    const words = argv({ tasks: 8, tasksPerNode: 4, cpusPerTask: 2, nodes: 2, inheritEnvironment: true });
    expect(words).toEqual(
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
    expect(words).toContain('--time=2:00:00');
  });

  it('refuses a comment directive, which would replace or drop the idempotency token', () => {
    for (const comment of ['mine', null, true] as const) {
      let err: unknown;
      try {
        argv({ comment: 'note', directives: { comment } }, 'hpckit:k note');
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({
        code: 'VALIDATION',
        details: { issues: [{ path: ['directives', 'comment'] }] },
      });
      expect((err as Error).message).toContain('"comment"');
    }
    expect(argv({ comment: 'note' }, 'hpckit:k note')).toContain('--comment=hpckit:k note');
  });

  it('keeps hostile values inside their own word', () => {
    const name = "x' --wrap='touch /tmp/p' \n$(id)";
    expect(argv({ name })).toContain(`--job-name=${name}`);
  });
});
