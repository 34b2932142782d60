import { describe, expect, it } from 'vitest';
import { parseInput } from '../errors/validation.js';
import { isHpckitError } from '../errors/hpckit-error.js';
import { JobSpecSchema, requestedShape } from './job-spec.js';

function issues(input: unknown): string[] {
  try {
    parseInput(JobSpecSchema, input, 'job spec');
  } catch (err) {
    if (isHpckitError(err, 'VALIDATION'))
      return err.details.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('JobSpecSchema', () => {
  it('normalises durations to seconds and memory to MiB, and fills defaults', () => {
    const spec = JobSpecSchema.parse({
      command: 'srun vasp_std',
      coresPerNode: 64,
      nodes: 2,
      memory: { perCore: '4G' },
      timeLimit: '12h',
      array: '0-9%2',
    });
    expect(spec.timeLimit).toBe(43_200);
    expect(spec.memory).toEqual({ per: 'core', mebibytes: 4_096 });
    expect(spec.hold).toBe(false);
    expect(spec.inheritEnvironment).toBe(false);
    expect(spec.array?.throttle).toBe(2);
    expect(JobSpecSchema.parse({ command: 'x' }).nodes).toBe(1);
  });

  it('reports every problem at once, each at its path', () => {
    expect(
      issues({
        command: 'x',
        script: 'no shebang',
        nodes: 0,
        coresPerNode: 4,
        tasks: 8,
        gpusPerNode: 1.5,
        environment: { '1BAD': 'v' },
        directives: { '--mem': '4G' },
        timeLimit: 'soon',
      }),
    ).toEqual(
      expect.arrayContaining([
        'nodes: must be at least 1',
        'gpusPerNode: must be a whole number',
        expect.stringMatching(/^environment\.1BAD: environment variable names/),
        expect.stringMatching(/^directives\.--mem: directive names are long option names without dashes/),
        expect.stringMatching(/^timeLimit: "soon" is not a duration/),
      ]),
    );
  });

  it('enforces the cross-field rules', () => {
    expect(issues({ command: 'x', script: '#!/bin/bash\ny' })).toEqual([
      'command: give exactly one of "command" (shell commands) or "script" (a complete script)',
    ]);
    expect(issues({})).toEqual([
      'command: give exactly one of "command" (shell commands) or "script" (a complete script)',
    ]);
    expect(issues({ script: 'echo' })).toEqual([
      'script: a complete script starts with an interpreter line such as "#!/bin/bash"; to give only commands, use "command"',
    ]);
    expect(issues({ command: 'x', coresPerNode: 2, cpusPerTask: 2 })).toEqual([
      'coresPerNode: use either "coresPerNode" or the task fields (cpusPerTask), not both',
    ]);
    expect(issues({ command: 'x', memory: { perGpu: '10G' } })).toEqual([
      'memory: memory "perGpu" needs "gpusPerNode" of at least 1',
    ]);
    expect(issues({ command: 'x', nodes: 2, tasks: 9, tasksPerNode: 4 })).toEqual([
      'tasks: 9 tasks do not fit in 2 node(s) × 4 tasks per node',
    ]);
  });

  it("refuses a relative working directory that leaves the user's home, however it is written", () => {
    const leaves = `"../bob" leaves the user's home: a relative working directory stays inside the home; write an absolute path for a directory elsewhere`;
    expect(issues({ command: 'x', workingDirectory: '../bob' })).toEqual([`workingDirectory: ${leaves}`]);
    expect(issues({ command: 'x', workingDirectory: 'runs/../../x' })).toHaveLength(1);
    expect(issues({ script: '#!/bin/sh\n#SBATCH --chdir=../bob\ntrue\n' })).toEqual([
      `workingDirectory: ${leaves}`,
    ]);
    for (const inside of ['runs/a/../b', './x', 'a/..', '/home/bob', '..foo/x']) {
      expect(issues({ command: 'x', workingDirectory: inside, createWorkingDirectory: true })).toEqual([]);
    }
    let caught: unknown;
    try {
      parseInput(JobSpecSchema, { command: 'x', workingDirectory: '../bob' }, 'job spec');
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'VALIDATION')).toBe(true);
    expect((caught as Error).message).toContain('workingDirectory');
  });

  it('refuses unknown fields by name', () => {
    expect(issues({ command: 'x', memroy: { perNode: '4G' } })).toEqual([': Unrecognized key: "memroy"']);
  });

  it('refuses a directive value with a line break (it would inject another directive)', () => {
    expect(issues({ command: 'x', directives: { comment: 'a\n#SBATCH --qos=long' } })).toEqual([
      'directives.comment: must be a single line (no line breaks or NUL characters)',
    ]);
  });

  it('accepts any job name text, including quotes, newlines and non-ASCII', () => {
    expect(JobSpecSchema.parse({ command: 'x', name: `it's a "test"\n作业 $(rm -rf ~)` }).name).toContain(
      '作业',
    );
  });
});

describe('requestedShape', () => {
  it.each([
    [
      { command: 'x', nodes: 2, coresPerNode: 8 },
      { nodes: 2, coresPerNode: 8, cores: 16 },
    ],
    [
      { command: 'x', tasks: 6, cpusPerTask: 2 },
      { nodes: 1, coresPerNode: 12, cores: 12 },
    ],
    [
      { command: 'x', nodes: 2, tasks: 6, cpusPerTask: 2 },
      { nodes: 2, coresPerNode: 6, cores: 12 },
    ],
    [
      { command: 'x', nodes: 3, tasksPerNode: 4 },
      { nodes: 3, coresPerNode: 4, cores: 12 },
    ],
    [{ command: 'x' }, { nodes: 1, coresPerNode: 1, cores: 1 }],
  ])('counts cores of %j', (input, expected) => {
    expect(requestedShape(JobSpecSchema.parse(input))).toMatchObject(expected);
  });

  it('multiplies memory and GPUs out over nodes, cores and GPUs', () => {
    const gpu = requestedShape(
      JobSpecSchema.parse({
        command: 'x',
        nodes: 2,
        coresPerNode: 12,
        gpusPerNode: 2,
        memory: { perGpu: '192G' },
      }),
    );
    expect(gpu).toMatchObject({ gpus: 4, gpusPerNode: 2, memoryMiB: 4 * 192 * 1024 });
    const perCore = requestedShape(
      JobSpecSchema.parse({ command: 'x', nodes: 2, coresPerNode: 4, memory: { perCore: '4G' } }),
    );
    expect(perCore.memoryMiB).toBe(2 * 4 * 4_096);
    const perNode = requestedShape(
      JobSpecSchema.parse({ command: 'x', nodes: 2, memory: { perNode: '500G' } }),
    );
    expect(perNode.memoryMiB).toBe(2 * 500 * 1_024);
    expect(requestedShape(JobSpecSchema.parse({ command: 'x' })).memoryMiB).toBeUndefined();
  });
});
