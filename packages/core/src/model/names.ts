import { z } from 'zod';

/** A string that may hold anything but a NUL byte (which no scheduler or file system accepts). */
export const TextSchema = z.string().refine((s) => !s.includes('\0'), 'must not contain a NUL character');

/** A single-line string: no NUL, no line break. */
export const LineSchema = z
  .string()
  .refine((s) => !/[\0\r\n]/.test(s), 'must be a single line (no line breaks or NUL characters)');

/**
 * The name of an account, partition, QoS, user or cluster: letters, digits, `_`, `-` and `.`,
 * which every scheduler and shell can carry without quoting surprises.
 */
export const NameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'may contain only letters, digits, "_", "-" and "." and must not start with "-" or "."',
  );

/**
 * The login name of an operating-system user, wherever hpckit may act as one (`client.as(user)`,
 * `ctx.user`, a transport's `user`, `@hpckit/remote`'s `user`). It is POSIX's portable user name
 * (letters, digits, `_`, `.`, `-`; no leading `-`) narrowed to what every tool on the way reads
 * only as a name: no leading `-` or `.` (an option of su or sudo, a hidden path), no `#` (sudo's
 * `-u '#2001'` is a uid), not all digits (`id 0`, `getent passwd 0` and `chown 0` read a number
 * as a uid), no `$` (useradd's Samba machine accounts, which no portal acts as), no whitespace,
 * control character, `/`, `:`, `,` or `=` (path, passwd field, sacctmgr list and key
 * separators), and at most 32 characters (useradd's and utmp's limit). Upper case is allowed:
 * shadow's useradd and directory services (LDAP) accept it, though Debian's default NAME_REGEX
 * does not. `root` passes: refusing privileged users is the transports' job (see `actAs`).
 *
 * @example
 * ```ts
 * parseInput(UserNameSchema, 'alice', 'user name'); // 'alice'
 * parseInput(UserNameSchema, '-m', 'user name'); // throws VALIDATION
 * ```
 */
export const UserNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters (the limit of useradd and utmp)')
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'is not a login name: use only letters, digits, "_", "." and "-", and do not start with "-" or "."',
  )
  .refine(
    (s) => !/^[0-9]+$/.test(s),
    'must not be all digits (tools read a number as a uid: "id 0" is root)',
  );

/** A scheduler job id, including array tasks (`"1234"`, `"1234_7"`). */
export const JobIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-[\]]*$/, 'is not a job id (expected something like "1234" or "1234_7")');

/**
 * A record whose keys must match `pattern`. zod reports a bad record key only as "Invalid key in
 * record", so the key check runs as a refinement that names the key and says how to fix it.
 */
export function keyedRecord<V extends z.ZodType>(pattern: RegExp, message: string, value: V) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!pattern.test(key)) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  });
}
