import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JobSpecInput, JobSpecSchema, requestedShape } from '../model/job-spec.js';
import { caseScript, SCRIPT_CASES } from '../testing/suites/jobs-effective.js';
import { SBATCH_OPTIONS } from './option-table.js';
import { unmodelledResources } from './unmodelled.js';

const issues = (input: JobSpecInput) => {
  const r = JobSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const script = (...lines: string[]) => ['#!/bin/bash', ...lines, 'srun a.out', ''].join('\n');

describe('the effective job of a spec', () => {
  it('is what the shared script table says, for every case', () => {
    for (const c of SCRIPT_CASES) {
      const spec = JobSpecSchema.parse({
        script: caseScript(c.script, { cpu: 'cpu', gpu: 'gpu' }),
        ...c.fields,
      });
      const shape = requestedShape(spec);
      expect([c.title, shape.cores, shape.gpus]).toEqual([c.title, c.expected.cores, c.expected.gpus ?? 0]);
      if (c.expected.memoryMiB !== undefined) expect(shape.memoryMiB).toBe(c.expected.memoryMiB);
      if (c.expected.timeLimitSeconds !== undefined) expect(spec.timeLimit).toBe(c.expected.timeLimitSeconds);
      if (c.expected.partition !== undefined) expect(spec.partition).toBe(c.expected.partition);
      if (c.expected.name !== undefined) expect(spec.name).toBe(c.expected.name);
    }
  });

  it('carries what the issue #9 bypass script asks for, not the structured 1 core for 1 hour', () => {
    const spec = JobSpecSchema.parse({
      script: script('#SBATCH --partition=gpu --gres=gpu:8', '#SBATCH --time=30-00:00:00 --exclusive'),
      coresPerNode: 1,
    });
    expect(spec).toMatchObject({ partition: 'gpu', gpusPerNode: 8, timeLimit: 30 * 86_400, coresPerNode: 1 });
    expect(unmodelledResources(spec).map((u) => u.option)).toEqual(['exclusive']);
  });

  it('refuses a field that contradicts a line, naming the line and the field', () => {
    expect(issues({ script: script('#SBATCH -t 30-00:00:00'), timeLimit: '1h' })).toEqual([
      'script: line 2 ("#SBATCH -t 30-00:00:00") asks for --time=30-00:00:00, but the spec\'s "timeLimit" asks for --time=01:00:00: remove the line or change the spec so they agree (sbatch would silently use the spec\'s value)',
    ]);
    expect(issues({ script: script('#SBATCH --mem=4G'), memory: { perCore: '1G' } })[0]).toMatch(
      /^script: line 2 .*--mem=4G.*"memory"/,
    );
    expect(issues({ script: script('#SBATCH -n 8'), directives: { 'cpus-per-task': '2' } })[0]).toMatch(
      /"cpus-per-task"/,
    );
    // The same value written twice is one request.
    expect(issues({ script: script('#SBATCH -p gpu -t 60'), partition: 'gpu', timeLimit: '1h' })).toEqual([]);
  });

  it('never lets a generated default replace a value the script sets', () => {
    const spec = JobSpecSchema.parse({ script: script('#SBATCH -N 3 --export=ALL -D /scratch/run') });
    expect([spec.nodes, spec.inheritEnvironment, spec.workingDirectory]).toEqual([3, true, '/scratch/run']);
    const plain = JobSpecSchema.parse({ command: 'x' });
    expect([plain.nodes, plain.inheritEnvironment, plain.hold]).toEqual([1, false, false]);
  });

  it('keeps values the fields cannot hold as directives, which then show as unmodelled resources', () => {
    const spec = JobSpecSchema.parse({
      script: script('#SBATCH --nodes=2-4 --mem=0 --gres=gpu:a100:2 --export=ALL,FOO=1 --mail-type=END'),
    });
    expect(spec.directives).toEqual({
      'mail-type': 'END',
      nodes: '2-4',
      gres: 'gpu:a100:2',
      mem: '0',
      export: 'ALL,FOO=1',
    });
    expect(spec.gpusPerNode).toBe(2);
    expect(unmodelledResources(spec).map((u) => u.option)).toEqual(['nodes', 'mem']);
  });

  it('refuses reserved options in every spelling sbatch accepts, in directives and in scripts', () => {
    const reserved = SBATCH_OPTIONS.filter((o) => o.kind === 'reserved');
    const unique = (name: string) =>
      Array.from({ length: name.length }, (_, i) => name.slice(0, i + 1)).filter(
        (p) => p === name || SBATCH_OPTIONS.filter((o) => o.name.startsWith(p)).length === 1,
      );
    fc.assert(
      fc.property(fc.constantFrom(...reserved), fc.nat(), (option, pick) => {
        const spellings = unique(option.name);
        const spelled = spellings[pick % spellings.length]!;
        const value = option.argument === 'none' ? '' : '=x';
        expect(issues({ script: script(`#SBATCH --${spelled}${value}`) }).join()).toMatch(
          new RegExp(`line 2 .*--${option.name} is reserved`),
        );
        if (spelled.length > 1) {
          expect(
            issues({ command: 'x', directives: { [spelled]: option.argument === 'none' ? true : 'x' } }),
          ).toEqual([
            expect.stringMatching(new RegExp(`^directives\\.${spelled}: --${option.name} is reserved`)),
          ]);
        }
      }),
    );
    if (reserved.some((o) => o.short)) {
      expect(issues({ script: script('#SBATCH -W') }).join()).toMatch(/--wait is reserved/);
    }
  });

  it('validates a script value with the field schemas, and names the line', () => {
    expect(issues({ script: script('#SBATCH -A "bad name"') })).toEqual([
      'script: line 2: account may contain only letters, digits, "_", "-" and "." and must not start with "-" or "."',
    ]);
    expect(issues({ script: script('#SBATCH --time=soon') })[0]).toMatch(
      /^script: line 2: --time=soon is not a time limit/,
    );
    expect(issues({ script: script('#SBATCH -p cpu,gpu') })[0]).toMatch(/names several partitions/);
  });

  it('settles on any script or directive, only with validation issues', () => {
    const line = fc.oneof(
      fc.string().map((s) => `#SBATCH ${s}`),
      fc
        .tuple(fc.constantFrom(...SBATCH_OPTIONS.map((o) => o.name)), fc.string({ maxLength: 12 }))
        .map(([name, value]) => `#SBATCH --${name}=${value}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const r = JobSpecSchema.safeParse({ script: script(...lines) });
        if (r.success) expect(requestedShape(r.data).cores).toBeGreaterThan(0);
        else expect(r.error.issues.length).toBeGreaterThan(0);
      }),
    );
  });
});
