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
  const said = firstErrorLine(stderr);
  if (UNAVAILABLE.test(stderr)) {
    return new SchedulerUnavailableError({
      details: output,
      message: `Slurm did not answer ${program}: ${said}`,
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
    program !== 'sbatch'
  ) {
    return new PermissionError({
      details: { action: program, ...output },
      message: `Slurm refused ${program}: ${said}`,
      adapter: 'slurm',
    });
  }
  if (
    exitCode === 255 &&
    /Invalid --?[\w-]+ specification|unrecognized option|invalid option/i.test(stderr)
  ) {
    return new ValidationError({
      details: {
        subject: 'sbatch options',
        issues: [{ path: ['directives'], message: `sbatch refused an option: ${said}`, code: 'custom' }],
      },
      message: `sbatch refused an option before contacting the controller: ${said}`,
      hint: 'Fix the value in the job spec or its directives.',
      adapter: 'slurm',
    });
  }
  const native = nativeReasonOf(stderr);
  const reason =
    (native && NATIVE_REASONS.find(([re]) => re.test(native))?.[1]) ??
    MESSAGES.find(([re]) => re.test(stderr))?.[1] ??
    (program.endsWith('sbatch') ? 'other' : undefined);
  if (reason) return policyError(reason, native, output, said);
  return new InternalError({
    details: { operation: program },
    message: `${program} failed with exit code ${exitCode}: ${stderr.trim() || '(no output)'}`,
    hint: 'This failure is not one hpckit recognises; the message above is Slurm’s own.',
    adapter: 'slurm',
  });
}

/** A policy error with the Slurm reason, the exact stderr and a hint for the reason. */
export function policyError(
  reason: PolicyReason,
  nativeReason: string | undefined,
  output: { command: string[]; stderr: string; exitCode: number },
  said = firstErrorLine(output.stderr),
  subject?: string,
): PolicyError {
  return new PolicyError({
    details: { reason, nativeReason, subject, ...output },
    message: `Slurm refused the job (${nativeReason ?? reason}): ${said}`,
    hint: HINTS[reason],
    adapter: 'slurm',
  });
}

function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // The last line is Slurm's own strerror; earlier ones hold the reason code.
  return lines.map((l) => l.replace(/^\w+: error: /, '')).join(' / ') || '(no message)';
}
