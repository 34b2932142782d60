import type { JobSpec } from '@hpckit/core';
import { sbatchOptionsOf } from './sbatch-options.js';

const PLAIN = /^[A-Za-z0-9_.,:=/@%+[\]-]+$/;

/**
 * The batch script a spec submits, Slurm style: the interpreter line, one `#SBATCH` line per
 * option, `export` lines for the spec's environment, then the command (or the rest of the given
 * script, after its own leading comment block so its `#SBATCH` lines still count).
 *
 * @example
 * ```ts
 * renderBatchScript({ ...spec, name: 'relax', command: 'srun vasp_std' }, '/home/alice');
 * // #!/bin/bash
 * // #SBATCH --job-name=relax
 * // #SBATCH --nodes=1
 * // #SBATCH --chdir=/home/alice
 * // #SBATCH --export=NONE
 * //
 * // srun vasp_std
 * ```
 */
export function renderBatchScript(spec: JobSpec, workingDirectory: string): string {
  const header = [...sbatchOptionsOf(spec, workingDirectory)].map(([key, value]) =>
    value === true ? `#SBATCH --${key}` : `#SBATCH --${key}=${quoteValue(value)}`,
  );
  const exports = Object.entries(spec.environment ?? {}).map(
    ([name, value]) => `export ${name}=${shellQuote(value)}`,
  );
  if (spec.script !== undefined) {
    const [shebang = '', ...rest] = spec.script.split('\n');
    const bodyStart = rest.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    const at = bodyStart === -1 ? rest.length : bodyStart;
    return withNewline([shebang, ...header, ...rest.slice(0, at), ...exports, ...rest.slice(at)].join('\n'));
  }
  return withNewline(['#!/bin/bash', ...header, '', ...exports, spec.command ?? ''].join('\n'));
}

/** Quotes an `#SBATCH` value when it holds anything but plain characters (never spans lines). */
export function quoteValue(value: string): string {
  if (PLAIN.test(value)) return value;
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
  return `"${escaped}"`;
}

/** Quotes a value for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
