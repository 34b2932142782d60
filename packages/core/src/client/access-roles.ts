import { z } from 'zod';
import { ruleError } from '../errors/validation.js';
import { NameSchema } from '../model/names.js';

/**
 * What a user may see and do beyond their own jobs, as the portal's role source reports it. A user
 * always sees their own jobs; these roles only widen that.
 */
export const AccessRolesSchema = z.strictObject({
  /**
   * Platform staff: every job of every user, and every account and membership call.
   * @default false
   */
  platform: z.boolean().default(false),
  /**
   * Accounts the user owns or administers: every job charged to them (whoever submitted it), and
   * adding, removing, blocking and unblocking their members.
   * @default []
   */
  adminOf: z.array(NameSchema).default([]),
});

/** A user's roles, validated, with defaults. */
export type AccessRoles = z.output<typeof AccessRolesSchema>;
/** A user's roles, as a role source returns them. */
export type AccessRolesInput = z.input<typeof AccessRolesSchema>;

/** What a role source is told besides the user: the cluster concerned, and how to abort. */
export interface AccessContext {
  /** The client's name of the cluster the call is about. */
  cluster: string;
  signal?: AbortSignal;
}

/**
 * Where a client's user views get their users' roles (the `access` option of `createClient`).
 * It is asked on every call of a user view, never cached by the client, so a role granted or
 * revoked applies to the next call; a source that caches must bound how stale it may be.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   clusters: { hpc: { adapter } },
 *   access: {
 *     roles: async (user) => ({
 *       platform: staff.has(user),
 *       adminOf: await directory.accountsAdministeredBy(user),
 *     }),
 *   },
 * });
 * await client.as('dave').jobs.list({ accounts: ['chem'] }); // every job of chem if dave administers it
 * ```
 */
export interface AccessSource {
  /** The roles of `user` now. May throw (a typed hpckit error passes through unchanged). */
  roles(user: string, context: AccessContext): AccessRolesInput | Promise<AccessRolesInput>;
}

/** zod check of an {@link AccessSource} given as a client option. */
export const AccessSourceSchema = z.custom<AccessSource>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as AccessSource).roles === 'function',
  { error: ruleError('not_a_role_source') },
);
