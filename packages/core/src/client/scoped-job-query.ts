import type { JobQuery } from '../model/job-query.js';
import type { Viewer } from './viewer.js';

/**
 * A job query narrowed to what one viewer may see: the jobs of `parts` (each the original query
 * AND-ed with more filters), less the jobs of `overlap`, which two parts both hold.
 */
export interface ScopedJobQuery {
  /** Queries whose union is exactly the visible matching jobs; none means no job is visible. */
  parts: JobQuery[];
  /** Jobs counted in two parts, to subtract from the total; absent when the parts are disjoint. */
  overlap?: JobQuery;
}

/**
 * Narrows a query to the jobs a viewer may see, with filters the adapter applies itself (so its
 * paging and `total` stay right): the viewer's own jobs (`users: [self]`) and the jobs charged to
 * the accounts they administer (`accounts` ⊆ theirs). No viewer or platform staff: the query as is.
 *
 * A query filters by user (`U`) and account (`A`), or not; visible = own ∪ administered:
 * - with `U`, the parts are own (if self ∈ U) and administered by the other users of `U`: disjoint;
 * - with `A` only, they are own in `A` outside administered accounts, and `A` ∩ administered: disjoint;
 * - with neither, own and administered overlap in the viewer's own jobs of administered accounts,
 *   which no positive filter can exclude: the overlap query counts them once.
 */
export function scopeJobQuery(query: JobQuery, viewer: Viewer | undefined): ScopedJobQuery {
  if (!viewer || viewer.platform) return { parts: [query] };
  const self = viewer.user;
  const adminOf = [...viewer.adminOf];
  const wantsSelf = query.users === undefined || query.users.includes(self);
  const administered = query.accounts ? query.accounts.filter((a) => viewer.adminOf.has(a)) : adminOf;
  const own: JobQuery | undefined = wantsSelf ? { ...query, users: [self] } : undefined;
  const admin: JobQuery | undefined =
    administered.length > 0 ? { ...query, accounts: administered } : undefined;
  if (!own) return { parts: admin ? [admin] : [] };
  if (!admin) return { parts: [own] };
  if (query.users) {
    const others = query.users.filter((u) => u !== self);
    return { parts: others.length > 0 ? [own, { ...admin, users: others }] : [own] };
  }
  if (query.accounts) {
    const rest = query.accounts.filter((a) => !viewer.adminOf.has(a));
    return { parts: rest.length > 0 ? [{ ...own, accounts: rest }, admin] : [admin] };
  }
  return { parts: [own, admin], overlap: { ...own, accounts: administered } };
}
