import type { ListedJob } from '../model/job.js';
import type { JobPage, JobQuery, JobQueryInput } from '../model/job-query.js';
import type { ScopedJobQuery } from './scoped-job-query.js';

/** Lists one query through the adapter (one page and the total of all matches). */
export type ListJobs = (query: JobQueryInput) => Promise<JobPage<ListedJob>>;

/**
 * One page of a scoped query. One part is the adapter's own page. Several parts are each read
 * from the start up to the page's end (`offset + limit`), in the adapter's order (submit time,
 * then id), merged, deduplicated and cut to the page; `total` is the parts' totals less the
 * overlap's. Each job before the page's end in the merge is before it in its own part, so those
 * prefixes hold the page exactly and the pages of one listing neither skip nor repeat a job.
 */
export async function listScopedJobs(
  scoped: ScopedJobQuery,
  query: JobQuery,
  list: ListJobs,
): Promise<JobPage<ListedJob>> {
  const { parts, overlap } = scoped;
  if (parts.length === 0) return { jobs: [], total: 0 };
  if (parts.length === 1 && !overlap) return list(parts[0]!);
  const end = query.limit === undefined ? undefined : query.offset + query.limit;
  // The merge orders by submit time, so a projection must carry it; it is dropped again below.
  const addSubmitTime = query.fields !== undefined && !query.fields.includes('submitTime');
  const fields = addSubmitTime ? [...query.fields!, 'submitTime' as const] : query.fields;
  const [pages, overlapTotal] = await Promise.all([
    Promise.all(parts.map((part) => list({ ...part, offset: 0, limit: end, fields }))),
    overlap ? list({ ...overlap, offset: 0, limit: 1, fields: [] }).then((p) => p.total) : 0,
  ]);
  const merged = mergeInOrder(
    pages.map((p) => p.jobs),
    end,
  );
  const page = merged.slice(query.offset, end);
  const jobs = addSubmitTime ? page.map(({ submitTime: _, ...job }) => job as ListedJob) : page;
  const total = pages.reduce((sum, p) => sum + p.total, 0) - overlapTotal;
  return { jobs, total };
}

/**
 * Merges lists each in the adapter's order, taking the earliest head each time (so every list's
 * own order is kept), skipping a job already taken from another list, until `end` jobs.
 */
function mergeInOrder(lists: ListedJob[][], end: number | undefined): ListedJob[] {
  const heads = lists.map(() => 0);
  const seen = new Set<string>();
  const out: ListedJob[] = [];
  while (end === undefined || out.length < end) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const job = lists[i]![heads[i]!];
      if (job && (best < 0 || compareJobs(job, lists[best]![heads[best]!]!) < 0)) best = i;
    }
    if (best < 0) break;
    const job = lists[best]![heads[best]!++]!;
    const key = jobKey(job);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(job);
  }
  return out;
}

function jobKey(job: ListedJob): string {
  return `${job.id}\u0000${job.submitTime?.getTime() ?? ''}`;
}

/** The adapter contract's order: submit time, then id (numerically, an array task after its job). */
function compareJobs(a: ListedJob, b: ListedJob): number {
  const t = (a.submitTime?.getTime() ?? 0) - (b.submitTime?.getTime() ?? 0);
  if (t !== 0) return t;
  const [an, at] = idParts(a.id);
  const [bn, bt] = idParts(b.id);
  if (an !== bn) return an < bn ? -1 : 1;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// Ids not shaped `N` or `N_T` (a mock's `m1000`) sort after numeric ones, then as text.
function idParts(id: string): [number, number] {
  const match = /^(\d+)(?:_(\d+))?$/.exec(id);
  if (!match) return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  return [Number(match[1]), match[2] === undefined ? -1 : Number(match[2])];
}
