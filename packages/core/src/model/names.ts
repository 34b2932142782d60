import { z } from 'zod';
import type { IssueRule } from '../errors/messages/en-issues.js';
import { ruleError, ruleIssue } from '../errors/validation.js';

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
const NUL_MESSAGE = { error: ruleError('no_nul') };

/** A string that may hold anything but a NUL byte (which no scheduler or file system accepts). */
export const TextSchema = z
  .string()
  .max(MAX_TEXT_LENGTH, { error: ruleError('at_most_characters', { maximum: MAX_TEXT_LENGTH }) })
  .refine(withoutNul, NUL_MESSAGE);

/** A single-line string: no NUL, no line break. */
export const LineSchema = z
  .string()
  .max(MAX_LINE_LENGTH, { error: ruleError('at_most_characters', { maximum: MAX_LINE_LENGTH }) })
  .refine((s) => !/[\0\r\n]/.test(s), { error: ruleError('single_line') });

/** A file or directory path: not empty, no NUL, at most {@link MAX_PATH_LENGTH} characters. */
export const PathSchema = z
  .string()
  .min(1, { error: ruleError('not_empty') })
  .max(MAX_PATH_LENGTH, {
    error: ruleError('at_most_characters', { maximum: MAX_PATH_LENGTH, text: 'PATH_MAX' }),
  })
  .refine(withoutNul, NUL_MESSAGE);

/** The value of an environment variable: no NUL, at most {@link MAX_ENVIRONMENT_VALUE_LENGTH} characters. */
export const EnvironmentValueSchema = z
  .string()
  .max(MAX_ENVIRONMENT_VALUE_LENGTH, {
    error: ruleError('environment_value_too_long', { maximum: MAX_ENVIRONMENT_VALUE_LENGTH }),
  })
  .refine(withoutNul, NUL_MESSAGE);

/** A job's name: no NUL, at most {@link MAX_JOB_NAME_LENGTH} characters. */
export const JobNameSchema = z
  .string()
  .max(MAX_JOB_NAME_LENGTH, { error: ruleError('at_most_characters', { maximum: MAX_JOB_NAME_LENGTH }) })
  .refine(withoutNul, NUL_MESSAGE);

/**
 * The name of an account, partition, QoS, user or cluster: letters, digits, `_`, `-` and `.`,
 * which every scheduler and shell can carry without quoting surprises.
 */
export const NameSchema = z
  .string()
  .min(1, { error: ruleError('not_empty') })
  .max(128, { error: ruleError('at_most_characters', { maximum: 128 }) })
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, { error: ruleError('scheduler_name') });

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
  .min(1, { error: ruleError('not_empty') })
  .max(32, { error: ruleError('at_most_characters', { maximum: 32, text: 'useradd, utmp' }) })
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, { error: ruleError('login_name') })
  .refine((s) => !/^[0-9]+$/.test(s), { error: ruleError('login_all_digits') });

/** A scheduler job id, including array tasks (`"1234"`, `"1234_7"`). */
export const JobIdSchema = z
  .string()
  .min(1, { error: ruleError('not_empty') })
  .max(128, { error: ruleError('at_most_characters', { maximum: 128 }) })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-[\]]*$/, { error: ruleError('job_id') });

/**
 * A record whose keys must match `pattern`. zod reports a bad record key only as "Invalid key in
 * record", so the key check runs as a refinement that names the key and says how to fix it.
 * A record holds at most {@link MAX_RECORD_ENTRIES} entries with keys of at most
 * {@link MAX_RECORD_KEY_LENGTH} characters, so no input can grow a command or script unboundedly.
 */
export function keyedRecord<V extends z.ZodType>(pattern: RegExp, rule: IssueRule, value: V) {
  return z.record(z.string(), value).superRefine((record, ctx) => {
    const keys = Object.keys(record);
    if (keys.length > MAX_RECORD_ENTRIES) {
      ctx.addIssue(ruleIssue('record_too_many_entries', { count: keys.length, maximum: MAX_RECORD_ENTRIES }));
      return;
    }
    for (const key of keys) {
      if (key.length > MAX_RECORD_KEY_LENGTH) {
        ctx.addIssue({
          ...ruleIssue('record_key_too_long', { count: key.length, maximum: MAX_RECORD_KEY_LENGTH }),
          path: [key.slice(0, 40)],
        });
      } else if (!pattern.test(key)) ctx.addIssue({ ...ruleIssue(rule), path: [key] });
    }
  });
}
