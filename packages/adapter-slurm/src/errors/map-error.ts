import type { HpckitError, PolicyError, PolicyReason, SchedulerOutput } from '@hpckit/core';
import { fail, SCHEDULER } from './slurm-errors.js';
import { slurmRules } from './slurm-rules.js';

/** A Slurm command that failed: what ran and what it said. */
export interface CommandFailure {
  command: string[];
  stderr: string;
  exitCode: number;
  /** What the command was about, for NOT_FOUND and PERMISSION_DENIED details. */
  subject?: { kind: string; id: string };
  /** The user the command ran for through the transport's `actAs` (sudo or su), if any. */
  user?: string;
}

// Limit codes sbatch prints on the line before "Batch job submission failed". The block
// mechanism refines the Assoc*Submit* ones into account_blocked / user_blocked.
const NATIVE_REASONS: readonly [RegExp, PolicyReason][] = [
  [/^QOSMaxWallDurationPerJobLimit$/, 'time_limit_exceeds_qos'],
  [/^AssocGrpSubmitJobsLimit$/, 'submit_limit'],
  [/^AssocMaxSubmitJobLimit$/, 'submit_limit'],
  [/^(Assoc|QOS)\w*Submit\w*$/, 'submit_limit'],
  [/^(Assoc|QOS)\w*Wall\w*$/, 'time_limit_exceeds_qos'],
  [/^(Assoc|QOS)\w+Limit$/, 'other'],
];

const MESSAGES: readonly [RegExp, PolicyReason][] = [
  [/invalid partition/i, 'invalid_partition'],
  [/Invalid qos specification/i, 'invalid_qos'],
  [/Invalid account or account\/partition combination/i, 'invalid_account'],
  [/Requested time limit is invalid/i, 'time_limit_exceeds_partition'],
  [/Requested node configuration is not available/i, 'resources_unavailable'],
  [/More processors requested than permitted/i, 'resources_unavailable'],
  [/Node count specification invalid/i, 'resources_unavailable'],
  [/Memory specification can not be satisfied/i, 'resources_unavailable'],
  [/Invalid generic resource \(gres\) specification/i, 'resources_unavailable'],
  [/Job violates accounting\/QOS policy/i, 'other'],
  [/Access\/permission denied|not permitted/i, 'not_permitted'],
  // hold/release/update of a job in the wrong state ("Job has already finished for job 7").
  [
    /Job has already finished|no longer pending|Job is pending execution|already completing or completed/i,
    'not_permitted',
  ],
];

const UNAVAILABLE =
  /Socket timed out|Unable to contact slurm controller|Zero Bytes were transmitted|temporarily unable to accept|Slurm backup controller in standby|Connection refused|Communication connection failure|Transport endpoint is not connected|Unable to establish connection|slurmdbd: Connection/i;

/** The Slurm reason code in sbatch's stderr (`QOSMaxWallDurationPerJobLimit`), if any. */
function nativeReasonOf(stderr: string): string | undefined {
  return /^\w+: error: ((?:Assoc|QOS)\w+)\s*$/m.exec(stderr)?.[1];
}

/**
 * Maps a failed Slurm command to core's typed error by its reason code or message, always
 * carrying the argv, the exit code, the exact stderr and Slurm's words for the catalogue to quote.
 */
export function mapCommandError(failure: CommandFailure): HpckitError {
  const { command, stderr, exitCode } = failure;
  const program = programOf(command);
  // The user switch failed, so the Slurm command never ran: none of Slurm's patterns apply.
  const switchFailure = actAsFailure(failure, program);
  if (switchFailure) return switchFailure;
  const output = slurmOutput({ command, stderr, exitCode });
  if (UNAVAILABLE.test(stderr)) return fail.unavailable({ details: output });
  if (/Invalid job id specified|Invalid job id|Unknown job|does not exist/i.test(stderr) && failure.subject) {
    return fail.notFound({ details: { ...failure.subject, ...output } });
  }
  if (
    /Access\/permission denied|Permission denied|not authorized|User \S+ not authorized/i.test(stderr) &&
    !isSbatch(program)
  ) {
    return fail.permission({ details: { action: program, ...output } });
  }
  if (
    exitCode === 255 &&
    /Invalid --?[\w-]+ specification|unrecognized option|invalid option/i.test(stderr)
  ) {
    if (isSbatch(program)) {
      const said = output.nativeMessage ?? '';
      return fail.validation({
        details: {
          ...slurmRules.subject('sbatch_options'),
          issues: [slurmRules.validationIssue(['directives'], 'sbatch_refused_option', { value: said })],
          reason: 'option_refused',
          ...output,
        },
      });
    }
    // Only sbatch takes options from the caller (directives); any other program refusing one
    // means the installed Slurm does not know an option the adapter passes.
    return fail.internal({ details: { operation: program, reason: 'option_refused', ...output } });
  }
  const native = nativeReasonOf(stderr);
  const reason =
    (native && NATIVE_REASONS.find(([re]) => re.test(native))?.[1]) ??
    MESSAGES.find(([re]) => re.test(stderr))?.[1];
  if (reason) return policyError(reason, native, output);
  // Slurm's own refusal that no pattern above knows: still a refusal of the job, in Slurm's words.
  if (isSbatch(program) && /^sbatch: error: /m.test(stderr)) return policyError('other', native, output);
  return fail.internal({ details: { operation: program, reason: 'command_failed', ...output } });
}

// Only the messages of a switch that did not happen: sudo and su also print warnings ("sudo:
// unable to resolve host", "su: warning: cannot change directory") and then run the command.
const SUDO_FAILURE =
  /^sudo: (a password is required|a terminal is required|no tty present|sorry, you must have a tty|unknown user|\S+: command not found|account validation failure|PAM account management error)|^Sorry, user \S+ (is not allowed to execute|may not run sudo)|is not in the sudoers file/im;
const SU_FAILURE =
  /^(Password: ?)?su: (Authentication failure|must be run from a terminal|user \S+ does not exist|Permission denied|Sorry|incorrect password)/im;

/**
 * A failed user switch (`actAs` sudo or su) as a typed error. sudo runs with `-n`, so a missing
 * NOPASSWD rule fails at once ("sudo: a password is required") instead of waiting for a password;
 * su asks anyone but root for one ("su: Authentication failure").
 */
function actAsFailure(failure: CommandFailure, program: string): HpckitError | undefined {
  const { command, stderr, exitCode } = failure;
  const sudo = SUDO_FAILURE.test(stderr);
  if (!sudo && !SU_FAILURE.test(stderr)) return undefined;
  const via = sudo ? 'sudo' : 'su';
  const output = {
    command,
    stderr,
    exitCode,
    program: via,
    nativeMessage: errorSummary(stderr) || undefined,
  };
  if (/unknown user|does not exist/i.test(stderr)) {
    return fail.notFound({
      details: { kind: 'user', id: failure.user ?? '(unknown)', reason: 'unknown_user', ...output },
    });
  }
  const who = failure.user ? `"${failure.user}"` : 'the user';
  return fail.permission({
    details: {
      action: `run ${program} as ${who} through ${via}`,
      reason: 'act_as_switch',
      actAs: via,
      ...(failure.user !== undefined && { user: failure.user }),
      missingRole: sudo ? 'sudoers NOPASSWD rule' : 'root',
      ...output,
      program,
    },
  });
}

function isSbatch(program: string): boolean {
  return /(^|\/)sbatch$/.test(program);
}

/**
 * A command's output as error details: the argv, the exact stderr and exit code, and Slurm's own
 * words (`nativeMessage`) with the program that said them, for the catalogue to quote.
 */
function slurmOutput(output: {
  command: string[];
  stderr: string;
  exitCode: number;
}): SchedulerOutput & { command: string[]; stderr: string; exitCode: number } {
  const said = errorSummary(output.stderr);
  const program = programOf(output.command);
  return { ...output, program, scheduler: SCHEDULER, ...(said !== '' && { nativeMessage: said }) };
}

/** The Slurm program of a command line, past the wrappers (`sudo`, `env`) and a site's path. */
function programOf(command: string[]): string {
  const word =
    command.find((w) => /(^|\/)(sbatch|squeue|sacct|scancel|scontrol|sacctmgr|sinfo)$/.test(w)) ??
    command[0] ??
    '';
  return word.replace(/^.*\//, '');
}

/** A policy error with the Slurm reason, the exact stderr and Slurm's words; the catalogue adds a hint for the reason. */
export function policyError(
  reason: PolicyReason,
  nativeReason: string | undefined,
  output: { command: string[]; stderr: string; exitCode: number },
  subject?: string,
): PolicyError {
  const details = { reason, nativeReason, ...slurmOutput(output) };
  return fail.policy({ details: subject === undefined ? details : { ...details, subject } });
}

// Lines that report progress or point at --help, not what went wrong: scancel -v's
// "scancel: Terminating job 88", getopt's 'Try "sbatch --help" for more information'.
const INFORMATIONAL =
  /^(?:\w+: (?!error:|fatal:|warning:)(?:Terminating|Signal \d+ to)\b.*|Try ".*--help" for more information\.?)$/;

/**
 * What a command said went wrong, for messages: its lines without their `<program>: error: `
 * prefix, joined with " / " (sbatch puts the reason code on the line before Slurm's strerror);
 * empty when it said nothing. Informational lines are left out; the whole stderr stays in the
 * error's details.
 */
export function errorSummary(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !INFORMATIONAL.test(l));
  return lines.map((l) => l.replace(/^\w+: error: /, '')).join(' / ');
}
