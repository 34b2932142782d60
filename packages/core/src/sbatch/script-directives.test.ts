import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSbatchArguments } from './parse-arguments.js';
import { readScriptDirectives } from './script-directives.js';

const read = (script: string) => {
  const { options, problems } = readScriptDirectives(script);
  return {
    options: options.map((o) => `${o.line}:${o.option.name}=${o.value === true ? 'true' : o.value}`),
    problems: problems.map((p) => `${p.line}: ${p.message}`),
  };
};

describe('reading #SBATCH lines as sbatch does', () => {
  it('reads both magic words, long and short forms, and stops at the first command', () => {
    expect(
      read('#!/bin/bash\n#SBATCH -p gpu --time=1:00:00\n\n# note\n#SLURM -c4\nsrun a.out\n#SBATCH -N 4\n'),
    ).toEqual({ options: ['2:partition=gpu', '2:time=1:00:00', '5:cpus-per-task=4'], problems: [] });
  });

  it('ignores indented directives, and treats a line with a non-C space first as a command', () => {
    expect(read('#!/bin/sh\n  #SBATCH -c 8\n#SBATCH -c 2\n\u00a0x\n#SBATCH -c 6\n').options).toEqual([
      '3:cpus-per-task=2',
    ]);
    expect(read('#!/bin/sh\n\t\r\n#SBATCH -c 2\n').options).toEqual(['3:cpus-per-task=2']);
  });

  it('splits words like get_argument: quotes, escapes, comments, and an empty word ending the line', () => {
    expect(read('#!/bin/sh\n#SBATCH -J "a b" --mail-t\\ype=END # -c 9\n').options).toEqual([
      '2:job-name=a b',
      '2:mail-type=END',
    ]);
    expect(read("#!/bin/sh\n#SBATCH --job-name='it''s' -c 2\n").options).toEqual([
      '2:job-name=its',
      '2:cpus-per-task=2',
    ]);
    expect(read('#!/bin/sh\n#SBATCH -J x\\ y\n').problems).toEqual([
      '2: "y" is not an option (sbatch refuses the script)',
    ]);
    expect(read('#!/bin/sh\n#SBATCH -c 2 "" -c 8\n').options).toEqual(['2:cpus-per-task=2']);
    expect(read('#!/bin/sh\n#SBATCH--time=5\n').options).toEqual(['2:time=5']);
  });

  it('reads a value from the next directive line, as one argument list', () => {
    expect(read('#!/bin/sh\n#SBATCH --time\n#SBATCH 20\n').options).toEqual(['2:time=20']);
  });

  it('reports what sbatch refuses, with the line', () => {
    expect(read('#!/bin/sh\n#SBATCH --job-name="open\n').problems).toEqual([
      '2: has an unmatched ", which sbatch refuses',
    ]);
    expect(read('#!/bin/sh\n#SBATCH :x\n').problems).toEqual([
      '2: has a word starting with ":", which sbatch refuses',
    ]);
    expect(read('#!/bin/sh\n#SBATCH -c 1\n#SBATCH hetjob\n').problems[0]).toMatch(/^3: .*heterogeneous/);
    expect(read('#!/bin/sh\n#SBATCH --hold=yes\n').problems).toEqual([
      '2: "--hold" takes no value (sbatch refuses the script)',
    ]);
    expect(read('#!/bin/sh\n#SBATCH --time\n').problems).toEqual([
      '2: "--time" needs a value (sbatch refuses the script)',
    ]);
  });

  it('settles on any script and only ever returns options or problems', () => {
    const line = fc.oneof(
      fc.string(),
      fc.string().map((s) => `#SBATCH ${s}`),
      fc.constantFrom('#SBATCH -c', '#SBATCH "', "#SBATCH '", '#SBATCH \\', '#SBATCH #', '#SLURM -Hc2', ' '),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const result = readScriptDirectives(['#!/bin/bash', ...lines].join('\n'));
        for (const o of result.options) expect(o.line).toBeGreaterThan(1);
        for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('parseSbatchArguments', () => {
  it('reads clustered flags with an attached or separate value', () => {
    const parsed = parseSbatchArguments(['-Hc2', '-t', '5', '--mem', '1G', '--exclusive']);
    expect(parsed.options.map((o) => [o.option.name, o.value])).toEqual([
      ['hold', true],
      ['cpus-per-task', '2'],
      ['time', '5'],
      ['mem', '1G'],
      ['exclusive', true],
    ]);
    expect(parseSbatchArguments(['--', '-c2'])).toMatchObject({ problem: '"--" is not an option', word: 0 });
  });
});
