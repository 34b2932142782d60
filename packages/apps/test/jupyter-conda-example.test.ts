/**
 * examples/jupyter-conda.ts: the guide's JupyterLab form with a conda environment, on the mock;
 * and its session script run by bash with stand-ins for conda and jupyter, to see what reaches them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { jupyterCondaScenario, jupyterLabConda } from '../../../examples/jupyter-conda.js';
import { sessionJobSpec, validateForm } from '../src/index.js';

const home = mkdtempSync(join(tmpdir(), 'hpckit-conda-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

it('examples/jupyter-conda.ts: the form has the conda field, the session becomes ready on the mock', async () => {
  const lines: string[] = [];
  const outcome = await jupyterCondaScenario((line) => lines.push(line));
  expect(outcome.fields).toEqual(['partition', 'account', 'hours', 'cores', 'conda_env']);
  expect(outcome.status).toBe(200);
  expect(outcome.script).toContain('export HPCKIT_FORM_CONDA_ENV=torch-2.3\n');
  // The prelude runs before the built-in's server command.
  expect(outcome.script.indexOf('conda activate')).toBeLessThan(outcome.script.indexOf('exec jupyter lab'));
  expect(lines.at(-1)).toMatch(/server answered 200/);
});

/** Runs the session script with `conda` and `jupyter` stand-ins that record what they were given. */
function runSession(form: Record<string, unknown>) {
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  // `conda shell.bash hook` prints a shell function, as the real one does; activate records its argument.
  writeFileSync(
    join(bin, 'conda'),
    `#!/bin/bash\n[ "$1" = shell.bash ] && echo 'conda() { printf "%s" "$2" > "$HOME/activated"; }'\n`,
  );
  writeFileSync(join(bin, 'jupyter'), '#!/bin/bash\necho "$@" > "$HOME/jupyter-args"\n');
  chmodSync(join(bin, 'conda'), 0o755);
  chmodSync(join(bin, 'jupyter'), 0o755);
  const directory = join(home, 'session');
  const spec = sessionJobSpec(jupyterLabConda, 's1', directory, validateForm(jupyterLabConda, form));
  return spawnSync('bash', ['-c', spec.script ?? ''], {
    env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home },
    encoding: 'utf8',
  });
}

it('the environment name reaches conda as one argument, never as a command', () => {
  const hostile = `x"; touch ${home}/pwned; echo "$(id)\`id\``;
  const result = runSession({ conda_env: hostile });
  expect(result.stderr).toBe('');
  expect(readFileSync(join(home, 'activated'), 'utf8')).toBe(hostile);
  expect(existsSync(join(home, 'pwned'))).toBe(false);
  expect(readFileSync(join(home, 'jupyter-args'), 'utf8')).toMatch(/^lab --no-browser/);
});

it('without an environment, conda is left alone', () => {
  rmSync(join(home, 'activated'), { force: true });
  const result = runSession({});
  expect(result.status).toBe(0);
  expect(existsSync(join(home, 'activated'))).toBe(false);
});
