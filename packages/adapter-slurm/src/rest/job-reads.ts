/**
 * What a read of slurmdbd's `GET /slurmdb/<v>/jobs` asks for: the filters of a listing pushed into
 * its query string, as far as the codec's version takes them, so accounting returns only the rows
 * the call needs (the CLI adapter's `sacct --user --accounts --partition --name --jobs` discipline).
 * The listing still checks every filter on what comes back, so a filter a version cannot take is
 * applied in JavaScript, never dropped.
 */
import { slurmStartTime } from '../operations/slurm-time.js';
import type { RestCodec } from './codecs.js';

/** The accounting query parameters a slurmdbd plugin version accepts, of those hpckit uses. */
export type DbJobFilter = 'users' | 'account' | 'partition' | 'job_name' | 'step';

/** What a read of accounting is narrowed to; an absent field does not narrow. */
export interface AccountingFilter {
  users?: readonly string[];
  accounts?: readonly string[];
  partitions?: readonly string[];
  /** Exact job names, none holding a comma (the parameter is a comma-separated list). */
  names?: readonly string[];
  /** Job ids (`12`) and array tasks (`12_3`); an array's id also reads its tasks. */
  jobIds?: readonly string[];
  /** Earliest time the window covers; none: the ids alone bound the read. */
  since?: Date;
}

/** Ids slurmdbd's `step` parameter parses; one it cannot parse fails the whole request. */
const JOB_ID = /^\d+(_\d+)?$/;

/** Path and query of an accounting read of jobs, with every filter `codec`'s version accepts. */
export function accountingJobsPath(codec: RestCodec, filter: AccountingFilter, now = Date.now()): string {
  const params: [string, string][] = [];
  if (filter.since) params.push(['start_time', slurmStartTime(filter.since, now)]);
  const lists: [DbJobFilter, readonly string[] | undefined][] = [
    ['users', filter.users],
    ['account', filter.accounts],
    ['partition', filter.partitions],
    ['job_name', filter.names],
    ['step', filter.jobIds?.filter((id) => JOB_ID.test(id))],
  ];
  for (const [name, values] of lists) {
    if (values?.length && codec.dbFilters.has(name)) params.push([name, csv(values)]);
  }
  const query = params.map(([k, v]) => `${k}=${v}`).join('&');
  return `/slurmdb/${codec.version}/jobs${query ? `?${query}` : ''}`;
}

// Commas too are escaped: 22.05's slurmrestd answers a bare one in a query "Unable to parse
// query." (HTTP 400), and decodes `%2C` into the comma-separated list it splits.
function csv(values: readonly string[]): string {
  return [...new Set(values)].map(encodeURIComponent).join('%2C');
}

/** Whether an id can be asked of accounting's `step` filter or slurmctld's `/job/{id}`. */
export function isJobId(id: string): boolean {
  return JOB_ID.test(id);
}
