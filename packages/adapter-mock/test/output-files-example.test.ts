import { expect, it } from 'vitest';
import { outputFilesScenario } from '../../../examples/output-files.js';

it('examples/output-files.ts: the named output files of an ended job are found and read through a FileSystem', async () => {
  const lines: string[] = [];
  const o = await outputFilesScenario((line) => lines.push(line));
  expect(o.outcome).toBe('completed');
  expect(o.workingDirectory).toMatch(/\/alice\/runs\/relax$/);
  expect(o.stdout).toBe(`${o.workingDirectory}/logs/relax-${o.id}.out`);
  expect(o.stderr).toBe(`${o.workingDirectory}/logs/relax-${o.id}.err`);
  expect(o.stdoutText).toBe('energy=-42.5 eV\n');
  expect(o.stderrText).toBe('converged after 12 steps\n');
  expect(o.escapeRefusal).toBe('VALIDATION');
  expect(lines.join('\n')).toContain('read after it left the queue');
});
