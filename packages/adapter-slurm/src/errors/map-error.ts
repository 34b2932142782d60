import {
  type HpckitError,
  InternalError,
  NotFoundError,
  PermissionError,
  PolicyError,
  type PolicyReason,
  SchedulerUnavailableError,
  ValidationError,
} from '@hpckit/core';

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

const HINTS: Partial<Record<PolicyReason, string>> = {
  invalid_partition: 'Pick a partition from config.cluster(), or omit it to use the default.',
  invalid_qos: 'Pick a QoS your association allows (config.availability()), or omit it to use the default.',
  invalid_account:
    'Use an account the user belongs to (accounts.list({ user })), or ask its manager to add them.',
  time_limit_exceeds_qos:
    "Lower the time limit to the QoS's maximum wall time, or choose a QoS that allows longer jobs.",
  time_limit_exceeds_partition: "Lower the time limit to the partition's MaxTime (config.cluster()).",
  resources_unavailable: 'Ask for fewer cores, GPUs or less memory than one node of the partition has.',
  account_blocked: 'The account is blocked (often for lack of funds); ask its manager to unblock it.',
  user_blocked: "You are blocked in this account; ask the account's manager to unblock you.",
  submit_limit: 'Wait for some of your queued jobs to finish, or ask for a higher submit limit.',
};

const UNAVAILABLE =
  /Socket timed out|Unable to contact slurm controller|Zero Bytes were transmitted|temporarily unable to accept|Slurm backup controller in standby|Connection refused|Communication connection failure|Transport endpoint is not connected|Unable to establish connection|slurmdbd: Connection/i;

/** The Slurm reason code in sbatch's stderr (`QOSMaxWallDurationPerJobLimit`), if any. */
export function nativeReasonOf(stderr: string): string | undefined {
  return /^\w+: error: ((?:Assoc|QOS)\w+)\s*$/m.exec(stderr)?.[1];
}

/**
 * Maps a failed Slurm command to core's typed error by its reason code or message, always
 * carrying the argv, the exit code and the exact stderr.
 */
export function mapCommandError(failure: CommandFailure): HpckitError {
  const { command, stderr, exitCode } = failure;
  const output = { command, stderr, exitCode };
  const program =
    command.find((w) => /(^|\/)(sbatch|squeue|sacct|scancel|scontrol|sacctmgr|sinfo)$/.test(w)) ??
    command[0] ??
    '';
  const said = errorSummary(stderr);
  // The user switch failed, so the Slurm command never ran: none of Slurm's patterns apply.
  const switchFailure = actAsFailure(failure, program, said);
  if (switchFailure) return switchFailure;
  if (UNAVAILABLE.test(stderr)) {
    return new SchedulerUnavailableError({
      details: output,
      message: `Slurm did not answer ${program}: ${sentence(said)}`,
      hint: 'The controller is busy or down; the call can be retried in a few seconds.',
      adapter: 'slurm',
    });
  }
  if (/Invalid job id specified|Invalid job id|Unknown job|does not exist/i.test(stderr) && failure.subject) {
    return new NotFoundError({
      details: { ...failure.subject, ...output },
      message: `${failure.subject.kind} ${failure.subject.id} does not exist (${program}: ${said}).`,
      adapter: 'slurm',
    });
  }
  if (
    /Access\/permission denied|Permission denied|not authorized|User \S+ not authorized/i.test(stderr) &&
    !isSbatch(program)
  ) {
    return new PermissionError({
      details: { action: program, ...output },
      message: `Slurm refused ${program}: ${sentence(said)}`,
      adapter: 'slurm',
    });
  }
  if (
    exitCode === 255 &&
    /Invalid --?[\w-]+ specification|unrecognized option|invalid option/i.test(stderr)
  ) {
    if (isSbatch(program)) {
      return new ValidationError({
        details: {
          subject: 'sbatch options',
          issues: [{ path: ['directives'], message: `sbatch refused an option: ${said}`, code: 'custom' }],
        },
        message: `sbatch refused an option before contacting the controller: ${sentence(said)}`,
        hint: 'Fix the value in the job spec or its directives.',
        adapter: 'slurm',
      });
    }
    // Only sbatch takes options from the caller (directives); any other program refusing one
    // means the installed Slurm does not know an option the adapter passes.
    return new InternalError({
      details: { operation: program, ...output },
      message: `${program} refused an option hpckit passed: ${sentence(said)}`,
      hint: `The Slurm on the submit host may lack this option (hpckit is tested with Slurm 22.05), or a site wrapper set in "commands" changes the command line; compare with \`${program} --help\` there.`,
      adapter: 'slurm',
    });
  }
  const native = nativeReasonOf(stderr);
  const reason =
    (native && NATIVE_REASONS.find(([re]) => re.test(native))?.[1]) ??
    MESSAGES.find(([re]) => re.test(stderr))?.[1];
  if (reason) return policyError(reason, native, output, said);
  // Slurm's own refusal that no pattern above knows: still a refusal of the job, in Slurm's words.
  if (isSbatch(program) && /^sbatch: error: /m.test(stderr))
    return policyError('other', native, output, said);
  return new InternalError({
    details: { operation: program, ...output },
    message: `${program} failed with exit code ${exitCode}: ${stderr.trim() || '(no output)'}`,
    hint: 'This failure is not one hpckit recognises; the message above is the command’s own.',
    adapter: 'slurm',
  });
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
function actAsFailure(failure: CommandFailure, program: string, said: string): HpckitError | undefined {
  const { command, stderr, exitCode } = failure;
  const sudo = SUDO_FAILURE.test(stderr);
  if (!sudo && !SU_FAILURE.test(stderr)) return undefined;
  const via = sudo ? 'sudo' : 'su';
  const who = failure.user ? `"${failure.user}"` : 'the user';
  if (/unknown user|does not exist/i.test(stderr)) {
    return new NotFoundError({
      details: { kind: 'user', id: failure.user ?? '(unknown)', command, stderr, exitCode },
      message: `${via} could not run ${program} as ${who}: ${sentence(said)}`,
      hint: 'Check the user name; the user needs an account on the submit host (getent passwd <user>).',
      adapter: 'slurm',
    });
  }
  return new PermissionError({
    details: {
      action: `run ${program} as ${who} through ${via}`,
      missingRole: sudo ? 'sudoers NOPASSWD rule' : 'root',
      command,
      stderr,
      exitCode,
    },
    message: `the transport's identity may not run ${program} as ${who} through ${via}: ${sentence(said)}`,
    hint: sudo
      ? `Give the service account a NOPASSWD sudoers rule for the Slurm commands as ${who}, with requiretty off (sudo runs with -n and never prompts); see "Acting for many users" in the Slurm guide.`
      : 'su needs no password only for root: run the portal as root (localTransport), log in as root (sshTransport), or use actAs { mode: "sudo" } with a sudoers rule.',
    adapter: 'slurm',
  });
}

function isSbatch(program: string): boolean {
  return /(^|\/)sbatch$/.test(program);
}

/** A policy error with the Slurm reason, the exact stderr and a hint for the reason. */
export function policyError(
  reason: PolicyReason,
  nativeReason: string | undefined,
  output: { command: string[]; stderr: string; exitCode: number },
  said = errorSummary(output.stderr),
  subject?: string,
): PolicyError {
  return new PolicyError({
    details: { reason, nativeReason, subject, ...output },
    message: `Slurm refused the job (${nativeReason ?? reason}): ${sentence(said)}`,
    hint: HINTS[reason],
    adapter: 'slurm',
  });
}

// Lines that report progress or point at --help, not what went wrong: scancel -v's
// "scancel: Terminating job 88", getopt's 'Try "sbatch --help" for more information'.
const INFORMATIONAL =
  /^(?:\w+: (?!error:|fatal:|warning:)(?:Terminating|Signal \d+ to)\b.*|Try ".*--help" for more information\.?)$/;

// Messages are followed by their hint: end Slurm's words as a sentence.
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * What a command said went wrong, for messages: its lines without their `<program>: error: `
 * prefix, joined with " / " (sbatch puts the reason code on the line before Slurm's strerror).
 * Informational lines are left out; the whole stderr stays in the error's details.
 */
function errorSummary(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !INFORMATIONAL.test(l));
  return lines.map((l) => l.replace(/^\w+: error: /, '')).join(' / ') || '(no message)';
}
