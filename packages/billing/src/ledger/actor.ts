import { UserNameSchema } from '@hpckit/core';
import { z } from 'zod';

/** Roles held platform-wide, beyond any account. */
export const PLATFORM_ROLES = ['platform-admin', 'finance'] as const;

/** A platform-wide role. */
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Every role the ledger checks: platform-wide roles and roles within one account. */
export type LedgerRole = PlatformRole | 'account-owner' | 'account-admin' | 'member';

/** Who is acting: a user name (a login name, as members are) and their platform-wide roles. */
export const ActorSchema = z.strictObject({
  user: UserNameSchema,
  /** @default [] */
  roles: z.array(z.enum(PLATFORM_ROLES)).default([]),
});

/** Who is acting, as callers pass it. */
export type ActorInput = z.input<typeof ActorSchema>;
/** Who is acting. */
export type Actor = z.output<typeof ActorSchema>;

/** The actor the job-charge sync records as operator: a platform administrator. */
export const SYSTEM_ACTOR: Actor = { user: 'hpckit-sync', roles: ['platform-admin'] };
