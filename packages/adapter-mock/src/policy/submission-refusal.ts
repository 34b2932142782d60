import type { JobAction, PolicyError, PolicyReason } from '@hpckit/core';
import { fail } from '../mock-errors.js';

/** The command every refusal reports: the mock stands for `sbatch --parsable` reading the script. */
export const SBATCH_COMMAND = ['sbatch', '--parsable'];

/** What a refusal says, besides its reason. */
export interface RefusalInit {
  /** Slurm's own reason code or error name, e.g. `QOSMaxWallDurationPerJobLimit`. */
  nativeReason: string;
  /** Slurm's `slurm_strerror` text, the second line of sbatch's stderr. */
  failure: string;
  /** A first stderr line with the limit's name, when Slurm prints one. */
  detail?: string;
  subject?: string;
  limit?: number | string;
  requested?: number | string;
  unit?: string;
  /** The user who submitted, when the refusal is about them (no account to use). */
  user?: string;
  /** The partition a QoS is not allowed in, and the QoS it allows. */
  partition?: string;
  allowed?: string[];
  /** What was refused to a job that is not pending, and the phase it is in. */
  jobAction?: JobAction;
  jobState?: string;
  /** The command refused, when not a submission. @default `sbatch --parsable` */
  command?: string[];
  /** The exact stderr, when not sbatch's. */
  stderr?: string;
}

// The facts copied into the details when given; the catalogue words the message from them.
const FACTS = [
  'subject',
  'limit',
  'requested',
  'unit',
  'user',
  'partition',
  'allowed',
  'jobAction',
  'jobState',
] as const satisfies readonly (keyof RefusalInit & keyof PolicyError['details'])[];

/** A request (usually a submission) refused on policy grounds, with Slurm's reason code and stderr. */
export function refuseSubmission(reason: PolicyReason, init: RefusalInit): PolicyError {
  const stderr =
    init.stderr ??
    [init.detail, `Batch job submission failed: ${init.failure}`]
      .filter((line): line is string => line !== undefined)
      .map((line) => `sbatch: error: ${line}`)
      .join('\n');
  const details: PolicyError['details'] = {
    reason,
    nativeReason: init.nativeReason,
    command: init.command ?? SBATCH_COMMAND,
    stderr,
    exitCode: 1,
  };
  for (const fact of FACTS) if (init[fact] !== undefined) Object.assign(details, { [fact]: init[fact] });
  return fail.policy({ details });
}

/** Slurm's refusal text for an unknown account or a user outside it (Slurm cannot tell them apart). */
export const INVALID_ACCOUNT = 'Invalid account or account/partition combination specified';
/** Slurm's refusal text for a limit: account or user blocked, QoS wall time exceeded. */
export const POLICY_VIOLATION =
  "Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)";
