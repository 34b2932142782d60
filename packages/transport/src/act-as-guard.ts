import {
  abortable,
  NotFoundError,
  PermissionError,
  parseInput,
  UnsupportedError,
  UserNameSchema,
} from '@hpckit/core';
import type { ActAs } from './act-as.js';
import { errorTag, type TransportTag } from './error-tag.js';
import type { ExecResult } from './transport.js';

/** Who a transport is when it acts for nobody, for refusing to act as itself. */
export interface TransportIdentity {
  /** `local` or `ssh`, for messages and as the tag of the guard's errors. */
  kind: TransportTag;
  /** The SSH login, or the portal process's owner; undefined if it cannot be told. */
  login: string | undefined;
}

/** Decides, before any command runs, whether a transport may act for a named user. */
export interface ActAsGuard {
  /**
   * Resolves when commands may run for `user` (always for no user); otherwise throws
   * `VALIDATION` (not a login name), `UNSUPPORTED` (`actAs` is `none`), `PERMISSION_DENIED` (a
   * refused user) or `NOT_FOUND` (no uid for the name when `minUid` needs one).
   */
  check(user: string | undefined, subject: string, signal?: AbortSignal): Promise<void>;
}

/**
 * The checks every transport runs on `ExecRequest.user` and `session(user)`, so a caller that
 * uses a transport directly is protected as much as one going through the client. `lookupUid`
 * runs `id -u -- <user>` as the transport's own identity; its answers are kept for the
 * transport's lifetime (a uid does not change under a running portal), failures are not.
 */
export function actAsGuard(
  actAs: ActAs,
  identity: TransportIdentity,
  lookupUid: (user: string) => Promise<ExecResult>,
): ActAsGuard {
  const uids = new Map<string, Promise<number>>();
  const tagged = errorTag(identity.kind);

  function refuse(user: string, why: string, hint: string): PermissionError {
    return new PermissionError(
      tagged({
        details: { action: `run commands as "${user}"` },
        message: `the ${identity.kind} transport refuses to act as "${user}": ${why}.`,
        hint,
      }),
    );
  }

  function uidOf(user: string): Promise<number> {
    let uid = uids.get(user);
    if (!uid) {
      uid = lookupUid(user).then((r) => {
        const text = r.stdout.trim();
        if (r.exitCode === 0 && /^[0-9]+$/.test(text)) return Number(text);
        if (/no such user/i.test(r.stderr)) {
          throw new NotFoundError(
            tagged({
              details: {
                kind: 'user',
                id: user,
                command: ['id', '-u', '--', user],
                stderr: r.stderr,
                exitCode: r.exitCode,
              },
              message: `user "${user}" is not known on the ${identity.kind} transport's host (id -u found no uid).`,
              hint: 'Check the user name; the user needs an account on the submit host (id -u <user>).',
            }),
          );
        }
        throw refuse(
          user,
          `its uid could not be confirmed (id -u -- ${user} exited ${r.exitCode}: ${r.stderr.trim() || text || 'no output'})`,
          'The transport acts only for users whose uid it can check against actAs.minUid; make `id` work for the transport identity, or set minUid: 0 to skip the check.',
        );
      });
      uids.set(user, uid);
      uid.catch(() => uids.delete(user));
    }
    return uid;
  }

  return {
    async check(user, subject, signal) {
      if (user === undefined) return;
      parseInput(UserNameSchema, user, subject, ['user']);
      if (actAs.mode === 'none') {
        throw new UnsupportedError(
          tagged({
            details: { capability: 'actAsUser', adapter: identity.kind },
            message: `the ${identity.kind} transport runs every command as ${identity.login ?? 'its own identity'} (actAs "none"), so it cannot run one for "${user}".`,
            hint: "Omit the user, or configure actAs { mode: 'sudo' } (or 'su' as root, or 'credentials' over SSH).",
          }),
        );
      }
      const noBorrowing =
        'Act only for the portal’s end users: root and the service account are never acted for, whatever sudoers allows.';
      if (user === 'root') throw refuse(user, 'root is never acted for', noBorrowing);
      if (user === identity.login)
        throw refuse(user, `it is the transport's own login, whose rights no user may borrow`, noBorrowing);
      if (actAs.denyUsers.includes(user))
        throw refuse(
          user,
          'it is listed in actAs.denyUsers',
          'Remove it from denyUsers if it is an end user.',
        );
      if (actAs.minUid === 0) return;
      const uid = await abortable(uidOf(user), signal);
      if (uid < actAs.minUid) {
        throw refuse(
          user,
          `its uid ${uid} is below actAs.minUid (${actAs.minUid})`,
          uid === 0
            ? 'uid 0 is root under another name: never act as it.'
            : 'System accounts have low uids; lower actAs.minUid only if this is an end user.',
        );
      }
    },
  };
}
