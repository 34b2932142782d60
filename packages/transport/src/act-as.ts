import { transportRules } from './transport-rules.js';
import { parseInput, shellJoin, UserNameSchema } from '@hpckit/core';
import { z } from 'zod';

/**
 * Who a transport refuses to act for, whatever the mode. root and the transport's own identity
 * (the SSH login, or the portal process's owner locally) are always refused: acting as the
 * service account would lend its rights (a Slurm administrator's) to whoever is named.
 */
const RefusalsShape = {
  /**
   * Refuses users whose uid is below this, looked up once per user and transport with
   * `id -u -- <user>` as the transport's own identity (a failed lookup refuses too). The default
   * catches aliases of root (`toor`, uid 0); set it to the site's first user uid (often 1000) to
   * refuse system accounts as well, or to 0 to skip the lookup. @default 1
   */
  minUid: z.number().int().nonnegative().default(1),
  /** Further login names never acted for, on top of root and the transport's own login. @default [] */
  denyUsers: z.array(UserNameSchema).default([]),
};

/**
 * How commands run for a named user (`ctx.user`) when a portal acts for many users from one
 * process:
 * - `none`: every command runs as the transport's own identity; naming a user is `UNSUPPORTED`.
 * - `sudo`: a service account runs `sudo -n -u <user> -- <command>` (needs a NOPASSWD rule).
 * - `su`: the transport's identity runs `su -l -c '<command>' -- <user>`. su asks anyone but root
 *   for the user's password, which a command cannot give, so that identity must be root: the
 *   portal process for the local transport, the SSH login for the SSH transport (an sshd that
 *   refuses root logins rules it out; use `sudo` there).
 * - `credentials`: the SSH transport logs in as the user with that user's own credentials (the
 *   local transport refuses it).
 *
 * Every user name must be a login name (`UserNameSchema` of `@hpckit/core`, else `VALIDATION`);
 * root, the transport's own login, `denyUsers` and uids below `minUid` are refused with
 * `PERMISSION_DENIED` before sudo, su or a login runs. A switch that then fails (no sudoers
 * rule, su not run by root, an unknown user) is reported as `PERMISSION_DENIED` (`NOT_FOUND` for
 * an unknown user) with sudo's or su's own words.
 */
export const ActAsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('sudo'),
    /** Path of sudo on the target host. @default "sudo" */
    sudo: z.string().min(1).default('sudo'),
    ...RefusalsShape,
  }),
  z.strictObject({
    mode: z.literal('su'),
    /** Path of su on the target host. @default "su" */
    su: z.string().min(1).default('su'),
    ...RefusalsShape,
  }),
  z.strictObject({ mode: z.literal('credentials'), ...RefusalsShape }),
]);

/** A validated act-as setting. */
export type ActAs = z.output<typeof ActAsSchema>;

/**
 * The argv that runs `argv` with `env` (and without `unsetEnv`) as `user` under `actAs`.
 * Environment variables are passed through `env(1)` because sudo, su and SSH all drop the
 * caller's environment. The name is checked
 * again here, so no path can build a switch with a name sudo or su would read otherwise.
 */
export function actAsArgv(
  actAs: ActAs,
  user: string | undefined,
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
  unsetEnv: readonly string[] = [],
): string[] {
  const envArgs = [
    ...unsetEnv.flatMap((name) => ['-u', name]),
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
  ];
  const withEnv = envArgs.length > 0 ? ['env', ...envArgs, ...argv] : [...argv];
  if (user === undefined || actAs.mode === 'none' || actAs.mode === 'credentials') return withEnv;
  parseInput(UserNameSchema, user, transportRules.subject('command'), ['user']);
  // "--" ends sudo's and su's own options, so a user name can never be read as one ("-m" would
  // keep root's environment, "--login" would log in as root). su's options all come before it:
  // -l (not a bare "-", which getopt only sees as an argument) and -c with the one command line.
  if (actAs.mode === 'sudo') return [actAs.sudo, '-n', '-u', user, '--', ...withEnv];
  return [actAs.su, '-l', '-c', shellJoin(withEnv), '--', user];
}
