import {
  abortable,
  errorsFor,
  type PermissionError,
  type PermissionReason,
  parseInput,
  UserNameSchema,
  type ValidationSubject,
} from '@hpckit/core';
import type { ActAs } from './act-as.js';
import type { TransportTag } from './error-tag.js';
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
  check(user: string | undefined, subject: string | ValidationSubject, signal?: AbortSignal): Promise<void>;
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
  const errors = errorsFor(identity.kind);

  function refuse(
    user: string,
    reason: PermissionReason,
    facts: { uid?: number; minUid?: number } = {},
  ): PermissionError {
    return errors.permission({ details: { action: `run commands as "${user}"`, user, reason, ...facts } });
  }

  function uidOf(user: string): Promise<number> {
    let uid = uids.get(user);
    if (!uid) {
      uid = lookupUid(user).then((r) => {
        const text = r.stdout.trim();
        if (r.exitCode === 0 && /^[0-9]+$/.test(text)) return Number(text);
        const command = ['id', '-u', '--', user];
        const said = r.stderr.trim() || text;
        const output = {
          command,
          stderr: r.stderr,
          exitCode: r.exitCode,
          ...(said !== '' && { nativeMessage: said }),
        };
        if (/no such user/i.test(r.stderr)) {
          throw errors.notFound({
            details: { kind: 'user', id: user, reason: 'unknown_user', program: 'id', ...output },
          });
        }
        throw errors.permission({
          details: { action: `run commands as "${user}"`, user, reason: 'act_as_uid_unknown', ...output },
        });
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
        throw errors.unsupported({
          details: {
            capability: 'actAsUser',
            reason: 'act_as_none',
            user,
            ...(identity.login !== undefined && { login: identity.login }),
          },
        });
      }
      if (user === 'root') throw refuse(user, 'act_as_root');
      if (user === identity.login) throw refuse(user, 'act_as_own_login');
      if (actAs.denyUsers.includes(user)) throw refuse(user, 'act_as_denied_user');
      if (actAs.minUid === 0) return;
      const uid = await abortable(uidOf(user), signal);
      if (uid < actAs.minUid) throw refuse(user, 'act_as_low_uid', { uid, minUid: actAs.minUid });
    },
  };
}
