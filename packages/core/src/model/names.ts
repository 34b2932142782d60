import { z } from 'zod';

/**
 * The longest free text accepted, in characters (1 MiB of them): room for any batch script or
 * command, while nothing unbounded reaches a command, a script or a log.
 */
export const MAX_TEXT_LENGTH = 1_048_576;

/**
 * The longest single line accepted, in characters. Lines become command-line arguments (directive
 * values, comments), and Linux refuses one argument over 128 KiB.
 */
export const MAX_LINE_LENGTH = 4_096;

/** The longest path accepted, in characters: Linux's PATH_MAX. */
export const MAX_PATH_LENGTH = 4_096;

/**
 * The longest environment variable value accepted, in characters. Linux refuses to start a program
 * whose environment holds a variable over 128 KiB, and a character may take three bytes.
 */
export const MAX_ENVIRONMENT_VALUE_LENGTH = 32_768;

/** The most entries a keyed record (environment, directives) may hold. */
export const MAX_RECORD_ENTRIES = 1_000;

/** The longest key a keyed record (an environment variable or directive name) may have. */
export const MAX_RECORD_KEY_LENGTH = 256;

/** The longest job name accepted, in characters. */
export const MAX_JOB_NAME_LENGTH = 200;

const withoutNul = (s: string) => !s.includes('\0');
const NUL_MESSAGE = 'must not contain a NUL character';

/** A string that may hold anything but a NUL byte (which no scheduler or file system accepts). */
export const TextSchema = z
  .string()
  .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
  .refine(withoutNul, NUL_MESSAGE);

/** A single-line string: no NUL, no line break. */
export const LineSchema = z
  .string()
  .max(MAX_LINE_LENGTH, `must be at most ${MAX_LINE_LENGTH} characters`)
  .refine((s) => !/[\0\r\n]/.test(s), 'must be a single line (no line breaks or NUL characters)');

/** A file or directory path: not empty, no NUL, at most {@link MAX_PATH_LENGTH} characters. */
export const PathSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_PATH_LENGTH, `must be at most ${MAX_PATH_LENGTH} characters (PATH_MAX)`)
  .refine(withoutNul, NUL_MESSAGE);

/** The value of an environment variable: no NUL, at most {@link MAX_ENVIRONMENT_VALUE_LENGTH} characters. */
export const EnvironmentValueSchema = z
  .string()
  .max(
    MAX_ENVIRONMENT_VALUE_LENGTH,
    `must be at most ${MAX_ENVIRONMENT_VALUE_LENGTH} characters (Linux refuses longer variables); pass bigger data in a file`,
  )
  .refine(withoutNul, NUL_MESSAGE);

/** A job's name: no NUL, at most {@link MAX_JOB_NAME_LENGTH} characters. */
export const JobNameSchema = z
  .string()
  .max(MAX_JOB_NAME_LENGTH, `must be at most ${MAX_JOB_NAME_LENGTH} characters`)
  .refine(withoutNul, NUL_MESSAGE);

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
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-[\]]*$/, 'is not a job id (expected something like "1234" or "1234_7")');

/**
 * A record whose keys must match `pattern`. zod reports a bad record key only as "Invalid key in
 * record", so the key check runs as a refinement that names the key and says how to fix it.
 * A record holds at most {@link MAX_RECORD_ENTRIES} entries with keys of at most
 * {@link MAX_RECORD_KEY_LENGTH} characters, so no input can grow a command or script unboundedly.
 */
export function keyedRecord<V extends z.ZodType>(pattern: RegExp, message: string, value: V) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    const keys = Object.keys(record);
    if (keys.length > MAX_RECORD_ENTRIES) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${keys.length} entries; at most ${MAX_RECORD_ENTRIES} are allowed`,
      });
      return;
    }
    for (const key of keys) {
      if (key.length > MAX_RECORD_KEY_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          path: [key.slice(0, 40)],
          message: `is a name of ${key.length} characters; at most ${MAX_RECORD_KEY_LENGTH} are allowed`,
        });
      } else if (!pattern.test(key)) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  });
}
