import type { Job } from '../model/job.js';
import type { JobState } from '../model/job-state.js';

/** A watched job changed state. */
export interface JobStateEvent {
  job: Job;
  /** The state before, if the job was known before. */
  previous?: JobState;
}

/** A poll of the scheduler failed; watched jobs keep their last known state. */
export interface PollErrorEvent {
  cluster: string;
  error: unknown;
  /** Failures in a row, including this one. */
  consecutiveFailures: number;
  /** When the next poll will be tried, in ms from now. */
  retryInMs: number;
}

/** A poll finished. */
export interface PollTickEvent {
  cluster: string;
  /** Jobs asked about in this poll. */
  watched: number;
  latencyMs: number;
  /** Interval until the next poll. */
  nextInMs: number;
}

/** Events of the client and of a cluster's poller, typed `noun:verb`. */
export interface ClientEvents {
  'job:state': [JobStateEvent];
  'job:ended': [JobStateEvent];
  'poll:error': [PollErrorEvent];
  'poll:tick': [PollTickEvent];
}
