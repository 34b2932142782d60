import { InternalError, isHpckitError } from '../errors/hpckit-error.js';
import { parseInput, validationSubject } from '../errors/validation.js';
import type { Job } from '../model/job.js';
import { abortable } from '../time/abort.js';
import { type AccessContext, AccessRolesSchema, type AccessSource } from './access-roles.js';

/** The user a client view acts for, with the roles that widen what they see. */
export interface Viewer {
  readonly user: string;
  readonly platform: boolean;
  readonly adminOf: ReadonlySet<string>;
}

/**
 * The viewer of one call of a user view: its roles are asked of `source` now (no source: own jobs
 * only). The root view (no user) has no viewer: it is the portal's own, unrestricted view.
 *
 * @throws `VALIDATION` if the source returns malformed roles; `INTERNAL` if it throws something
 * other than an hpckit error (hpckit errors pass through).
 */
export async function resolveViewer(
  source: AccessSource | undefined,
  user: string | undefined,
  context: AccessContext,
): Promise<Viewer | undefined> {
  if (user === undefined) return undefined;
  if (!source) return { user, platform: false, adminOf: new Set() };
  context.signal?.throwIfAborted();
  let given: unknown;
  try {
    given = await abortable(Promise.resolve(source.roles(user, context)), context.signal);
  } catch (err) {
    if (isHpckitError(err) || (context.signal?.aborted && err === context.signal.reason)) throw err;
    throw new InternalError({
      details: {
        operation: 'access.roles',
        reason: 'access_roles_failed',
        user,
        nativeMessage: err instanceof Error ? err.message : String(err),
      },
      cause: err,
    });
  }
  const roles = parseInput(AccessRolesSchema, given, validationSubject('access_roles', { value: user }), [
    'access',
    'roles',
  ]);
  return { user, platform: roles.platform, adminOf: new Set(roles.adminOf) };
}

/**
 * Whether a viewer may see (and so act on) a job: their own, one charged to an account they
 * administer, or any for platform staff. No viewer (the root view) sees every job.
 */
export function canSeeJob(viewer: Viewer | undefined, job: Pick<Job, 'user' | 'account'>): boolean {
  if (!viewer || viewer.platform) return true;
  if (job.user === viewer.user) return true;
  return job.account !== undefined && viewer.adminOf.has(job.account);
}
