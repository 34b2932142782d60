import { readFile } from 'node:fs/promises';
import { errorsFor, ruleValidationIssue, type ValidationSubject } from '@hpckit/core';
import type { ConnectConfig } from 'ssh2';
import { z } from 'zod';
import { transportRules } from './transport-rules.js';

const errors = errorsFor('ssh');

/** How to log in: a private key (inline or a file), an ssh-agent socket, or a password. */
export const SshCredentialsSchema = z
  .strictObject({
    /** Login name. */
    username: z.string().min(1),
    /** Private key text (PEM or OpenSSH format). */
    privateKey: z.union([z.string(), z.instanceof(Buffer)]).optional(),
    /** Path of a private key file, read when connecting. */
    privateKeyPath: z.string().min(1).optional(),
    passphrase: z.string().optional(),
    /** ssh-agent socket path (e.g. `process.env.SSH_AUTH_SOCK`). */
    agent: z.string().optional(),
    password: z.string().optional(),
  })
  .refine(
    (c) =>
      c.privateKey !== undefined ||
      c.privateKeyPath !== undefined ||
      c.agent !== undefined ||
      c.password !== undefined,
    { error: transportRules.error('one_way_to_log_in') },
  );

/** Login credentials of one user. */
export type SshCredentials = z.input<typeof SshCredentialsSchema>;

/** Where a set of credentials came from, for errors: the option path and, per user, whose. */
export interface CredentialsSource {
  /** `credentials` (the service identity) or `userCredentials`. */
  option: 'credentials' | 'userCredentials';
  /** The user `userCredentials` was called for. */
  user?: string;
}

/**
 * Validates credentials as a `VALIDATION` error that lists paths and messages only: the rejected
 * values may be secrets, so they never appear in it.
 */
function parseCredentials(raw: unknown, source: CredentialsSource): z.output<typeof SshCredentialsSchema> {
  const parsed = SshCredentialsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw errors.validation({
    details: {
      ...subjectOf(source),
      issues: parsed.error.issues.map((i) => ({
        path: [source.option, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
        code: i.code,
      })),
    },
  });
}

/**
 * The login part of an ssh2 connect config. The key file is read here, so a missing or unreadable
 * one is a configuration error at `<option>.privateKeyPath`, not a failure of the transport. For a
 * user, the credentials must log in as that user: a `userCredentials(alice)` that returns bob's
 * would give alice bob's files and jobs, so it is refused (`PERMISSION_DENIED`).
 */
export async function loginConfig(
  raw: unknown,
  source: CredentialsSource,
): Promise<Pick<ConnectConfig, 'username' | 'privateKey' | 'passphrase' | 'agent' | 'password'>> {
  const creds = parseCredentials(raw, source);
  if (source.user !== undefined && creds.username !== source.user) {
    throw errors.permission({
      details: {
        action: `log in as "${creds.username}" for "${source.user}"`,
        user: source.user,
        reason: 'credentials_mismatch',
        login: creds.username,
      },
    });
  }
  let privateKey = creds.privateKey;
  if (privateKey === undefined && creds.privateKeyPath !== undefined) {
    try {
      privateKey = await readFile(creds.privateKeyPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const path = [source.option, 'privateKeyPath'];
      const issue =
        code === 'ENOENT'
          ? ruleValidationIssue(path, 'key_file_missing', { value: creds.privateKeyPath })
          : ruleValidationIssue(path, 'key_file_unreadable', {
              value: creds.privateKeyPath,
              text: code ?? 'error',
            });
      throw errors.validation({
        details: {
          ...subjectOf(source),
          issues: [issue],
          reason: 'unreadable_key_file',
          path: creds.privateKeyPath,
        },
        cause: err,
      });
    }
  }
  return {
    username: creds.username,
    privateKey,
    passphrase: creds.passphrase,
    agent: creds.agent,
    password: creds.password,
  };
}

function subjectOf(source: CredentialsSource): ValidationSubject {
  return source.user === undefined
    ? transportRules.subject('ssh_credentials')
    : transportRules.subject('ssh_credentials_of', { value: source.user });
}
