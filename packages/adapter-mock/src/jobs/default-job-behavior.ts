import { parseDuration, ValidationError, validationSubject } from '@hpckit/core';
import { mockRules, shown } from '../errors/mock-rules.js';
import {
  BEHAVIOR_OUTCOMES,
  type BehaviorOutcome,
  type JobBehavior,
  type JobBehaviorResult,
} from './job-behavior.js';

const SLEEP = /(?:^|[\s;&|(])sleep\s+((?:\d+(?:\.\d+)?[smhd]?(?:\s+|$|(?=[;&|)])))+)/g;
const EXIT = /(?:^|[\s;&|(])exit\s+(\d+)\b/;
// `echo text`, `echo "text"`, `echo text >&2`: one line of output, as a very small shell prints it.
const ECHO = /^echo\s+(.*?)\s*(1?>&2)?$/;
const MOCK_LINE = /^#\s*mock:\s*(.*)$/i;
// `kill -9 $$`, `kill -KILL $$`, `kill -s TERM $$`, `kill $$`: the script killing its own shell.
const KILL_SELF = /(?:^|[\s;&|(])kill\s+(?:(?:-s\s+|-)(\w+)\s+)?\$\$(?![\w$])/;
const SIGNALS: Record<string, number> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ABRT: 6,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
};
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * The default {@link JobBehavior}: reads the command or script like a very small shell.
 *
 * - the runtime is the sum of every `sleep N` (`sleep 90`, `sleep 5m`, `sleep 1h 30m`), or 1 s
 *   if there is none;
 * - the first `exit N` sets the exit code (non-zero ends the job `failed`), or, if it comes first,
 *   a `kill -SIG $$` ends it `failed` by that signal (exit code 0), as Slurm reports it;
 * - each `echo text` line prints its text (quotes removed, nothing expanded), to standard error
 *   when it ends in `>&2`: what the mock writes to the job's output files when it has `files`;
 * - a comment line `# mock: outcome=out_of_memory runtime=10m exit=3` overrides any of the three.
 *
 * Other comment lines are ignored, so `# sleep 100` does not count.
 *
 * @example
 * ```ts
 * defaultJobBehavior(JobSpecSchema.parse({ command: 'sleep 5m\nexit 3' }), job); // { runtime: 300, exitCode: 3 }
 * ```
 */
export const defaultJobBehavior: JobBehavior = (spec) =>
  spec.command !== undefined ? interpretScript(spec.command) : readScript(spec.script ?? '', 'script');

/** Interprets script text as described for {@link defaultJobBehavior}. */
export function interpretScript(text: string): JobBehaviorResult {
  return readScript(text, 'command');
}

/** The spec's field the text came from, where a bad `# mock:` line is reported. */
type ScriptField = 'command' | 'script';

function readScript(text: string, field: ScriptField): JobBehaviorResult {
  let runtime = 0;
  let sawSleep = false;
  let exitCode: number | undefined;
  let signal: number | undefined;
  let forced: Partial<JobBehaviorResult> = {};
  let stdout = '';
  let stderr = '';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line.startsWith('#')) {
      const mock = MOCK_LINE.exec(line);
      if (mock) forced = { ...forced, ...parseMockLine(mock[1]!, field) };
      continue;
    }
    const code = line.replace(/\s#.*$/, '');
    for (const command of code.split(/\s*;\s*/)) {
      const echo = ECHO.exec(command.trim());
      if (!echo) continue;
      const text = `${echo[1]!.replace(/^(["'])(.*)\1$/, '$2')}\n`;
      if (echo[2]) stderr += text;
      else stdout += text;
    }
    for (const m of code.matchAll(SLEEP)) {
      sawSleep = true;
      for (const token of m[1]!.trim().split(/\s+/)) runtime += sleepSeconds(token);
    }
    if (exitCode !== undefined || signal !== undefined) continue;
    const exit = EXIT.exec(code);
    const kill = KILL_SELF.exec(code);
    const killed = kill ? signalNumber(kill[1]) : undefined;
    if (exit && (killed === undefined || exit.index < kill!.index)) exitCode = Number(exit[1]);
    else if (killed !== undefined) signal = killed;
  }
  const result: JobBehaviorResult = { runtime: sawSleep ? runtime : 1 };
  if (exitCode !== undefined) result.exitCode = Math.min(exitCode, 255);
  if (signal !== undefined) result.signal = signal;
  if (stdout) result.stdout = stdout;
  if (stderr) result.stderr = stderr;
  return { ...result, ...forced };
}

/** The number of a signal given as `9`, `KILL` or `SIGKILL`; `kill $$` alone sends TERM. */
function signalNumber(given: string | undefined): number | undefined {
  if (given === undefined) return SIGNALS.TERM;
  if (/^\d+$/.test(given)) return Number(given) >= 1 && Number(given) <= 64 ? Number(given) : undefined;
  return SIGNALS[given.toUpperCase().replace(/^SIG/, '')];
}

function sleepSeconds(token: string): number {
  const unit = token.at(-1)!;
  if (unit in UNIT_SECONDS) return Number(token.slice(0, -1)) * UNIT_SECONDS[unit]!;
  return Number(token);
}

function parseMockLine(text: string, field: ScriptField): Partial<JobBehaviorResult> {
  const out: Partial<JobBehaviorResult> = {};
  for (const pair of text.split(/\s+/).filter(Boolean)) {
    const [key, value = ''] = pair.split('=', 2) as [string, string?];
    if (key === 'outcome' && (BEHAVIOR_OUTCOMES as readonly string[]).includes(value))
      out.outcome = value as BehaviorOutcome;
    else if (key === 'exit' && /^\d+$/.test(value) && Number(value) <= 255) out.exitCode = Number(value);
    else if (key === 'runtime' && (/^\d+$/.test(value) || parseDuration(value) !== undefined)) {
      out.runtime = /^\d+$/.test(value) ? Number(value) : parseDuration(value)!;
    } else throw badMockLine(pair, field);
  }
  return out;
}

function badMockLine(pair: string, field: ScriptField): ValidationError {
  return new ValidationError({
    details: {
      ...validationSubject('job_spec'),
      issues: [
        mockRules.validationIssue([field], 'bad_mock_line', {
          value: shown(pair),
          names: [...BEHAVIOR_OUTCOMES],
        }),
      ],
    },
  });
}
