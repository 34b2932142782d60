import { isHpckitError } from '../errors/hpckit-error.js';
import type { PollTickMessage } from './channels.js';
import { diagnosticsChannel } from './publish.js';

/** The `hpckit:poll:tick` channel the pollers publish on. */
export const pollTicks = diagnosticsChannel('hpckit:poll:tick');

/** What one poll did, as the poller knows it. */
export interface PollTickFacts {
  cluster: string;
  user: string | undefined;
  jobIds: readonly string[];
  durationMs: number;
  nextIntervalMs: number;
  consecutiveFailures: number;
  /** Present when the poll failed. */
  failure?: { error: unknown };
}

/** The message of one poll; build it only when {@link pollTicks} has subscribers. */
export function pollTickMessage(facts: PollTickFacts): PollTickMessage {
  const { failure } = facts;
  return {
    cluster: facts.cluster,
    ...(facts.user !== undefined && { user: facts.user }),
    watched: facts.jobIds.length,
    jobIds: facts.jobIds,
    durationMs: facts.durationMs,
    nextIntervalMs: facts.nextIntervalMs,
    failed: failure !== undefined,
    consecutiveFailures: facts.consecutiveFailures,
    ...(failure && { errorCode: isHpckitError(failure.error) ? failure.error.code : 'UNKNOWN' }),
  };
}
