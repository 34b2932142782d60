import { type AccessRolesInput, type AccessSource, parseInput } from '@hpckit/core';
import { z } from 'zod';
import type { Ledger } from './create-ledger.js';
import { PLATFORM_ROLES, type PlatformRole } from './actor.js';
import { billingRules } from '../errors/billing-rules.js';

/** The platform roles of a user, as the portal's identity system knows them. */
export type PlatformRolesOf = (user: string) => readonly PlatformRole[] | Promise<readonly PlatformRole[]>;

const isFunction = (v: unknown) => typeof v === 'function';

/** Options of {@link ledgerAccess}. */
export const LedgerAccessOptionsSchema = z.strictObject({
  /** The ledger whose memberships say who owns or administers which account. */
  ledger: z.custom<Pick<Ledger, 'store'>>(
    (v) => typeof v === 'object' && v !== null && typeof (v as Ledger).store?.transaction === 'function',
    { error: billingRules.error('not_a_ledger') },
  ),
  /**
   * The platform roles of a user (the `roles` the portal passes as the ledger's actor). Holders
   * of `platform-admin` see and act on every job; `finance` grants no job access.
   * @default () => [] (no platform staff)
   */
  platformRoles: z
    .custom<PlatformRolesOf>(isFunction, { error: billingRules.error('not_platform_roles') })
    .optional(),
});

/** Options of {@link ledgerAccess}, as given. */
export type LedgerAccessOptions = z.input<typeof LedgerAccessOptionsSchema>;

const PlatformRolesSchema = z.array(z.enum(PLATFORM_ROLES));

/**
 * A role source for `createClient({ access })` backed by the billing ledger: an account's owner
 * and admins (members with role `owner` or `admin`) see and act on every job charged to it, and
 * change its memberships; `platform-admin` holders (from `platformRoles`) see everything. Each
 * call of a user view reads the user's memberships from the ledger's store, so a role granted or
 * revoked in the ledger applies to the very next call: nothing is cached.
 *
 * @throws `VALIDATION` on malformed options, now; on a malformed answer of `platformRoles`, when asked.
 * @example
 * ```ts
 * import { createLedger, ledgerAccess } from '@hpckit/billing/ledger';
 * const ledger = createLedger({ store, currency: 'CNY' });
 * const client = createClient({
 *   clusters: { hpc: { adapter } },
 *   access: ledgerAccess({ ledger, platformRoles: (user) => (staff.has(user) ? ['platform-admin'] : []) }),
 * });
 * await client.as('dave').jobs.list({ accounts: ['catalysis'] }); // every job of catalysis if dave administers it
 * ```
 */
export function ledgerAccess(options: LedgerAccessOptions): AccessSource {
  const o = parseInput(LedgerAccessOptionsSchema, options, billingRules.subject('ledger_access_options'), [
    'options',
  ]);
  const { store } = o.ledger;
  const platformRoles = o.platformRoles;
  return {
    async roles(user): Promise<AccessRolesInput> {
      const [members, roles] = await Promise.all([
        store.transaction((tx) => tx.listMembers({ user })),
        platformRoles ? platformRoles(user) : [],
      ]);
      const staff = parseInput(
        PlatformRolesSchema,
        roles,
        billingRules.subject('platform_roles', { value: user }),
        ['platformRoles'],
      );
      return {
        platform: staff.includes('platform-admin'),
        adminOf: members.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.account),
      };
    },
  };
}
