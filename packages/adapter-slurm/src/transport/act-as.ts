import { z } from 'zod';
import { shellJoin } from '../shell/quote.js';

/**
 * How commands run for a named user (`ctx.user`) when a portal acts for many users from one
 * process:
 * - `none`: every command runs as the transport's own identity; acting for users is off.
 * - `sudo`: a service account runs `sudo -n -u <user> -- <command>` (needs a NOPASSWD rule).
 * - `su`: the transport's identity runs `su - <user> -c '<command>'`. su asks anyone but root for
 *   the user's password, which a command cannot give, so that identity must be root: the portal
 *   process for the local transport, the SSH login for the SSH transport (an sshd that refuses
 *   root logins rules it out; use `sudo` there).
 * - `credentials`: the SSH transport logs in as the user with that user's own credentials (the
 *   local transport refuses it).
 *
 * A switch that fails (no sudoers rule, su not run by root, an unknown user) is reported as
 * `PERMISSION_DENIED` (`NOT_FOUND` for an unknown user) with sudo's or su's own words.
 */
export const ActAsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('sudo'),
    /** Path of sudo on the target host. @default "sudo" */
    sudo: z.string().min(1).default('sudo'),
  }),
  z.strictObject({
    mode: z.literal('su'),
    /** Path of su on the target host. @default "su" */
    su: z.string().min(1).default('su'),
  }),
  z.strictObject({ mode: z.literal('credentials') }),
]);

/** A validated act-as setting. */
export type ActAs = z.output<typeof ActAsSchema>;

/**
 * The argv that runs `argv` with `env` as `user` under `actAs`. Environment variables are passed
 * through `env(1)` because sudo, su and SSH all drop the caller's environment.
 */
export function actAsArgv(
  actAs: ActAs,
  user: string | undefined,
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): string[] {
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const withEnv = envArgs.length > 0 ? ['env', ...envArgs, ...argv] : [...argv];
  if (user === undefined || actAs.mode === 'none' || actAs.mode === 'credentials') return withEnv;
  // "--" ends sudo's and su's own options, so a user name can never be read as one.
  if (actAs.mode === 'sudo') return [actAs.sudo, '-n', '-u', user, '--', ...withEnv];
  return [actAs.su, '-', user, '-c', shellJoin(withEnv)];
}
