import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NameSchema, UserNameSchema } from '@hpckit/core';
import { z } from 'zod';
import { portalRules } from './portal-rules.js';

// Group and others may read it: a secret there is everyone's on the machine.
const openMode = (path: string) => {
  const mode = statSync(path).mode & 0o777;
  return mode & 0o077 ? mode.toString(8).padStart(3, '0') : undefined;
};

/**
 * The `portal:` section of a site's config file, for the file at `file`: where the portal
 * listens, the cookie secret (read here, from a file, an environment variable or the config
 * itself if only its owner can read it), who may sign in, and how often ended jobs are charged.
 */
export function portalSectionSchema(file: string, env: NodeJS.ProcessEnv) {
  return z
    .strictObject({
      listen: z
        .strictObject({
          host: z.string().min(1).default('127.0.0.1').describe('Address to listen on'),
          port: z.number().int().min(0).max(65_535).default(3000).describe('Port (0: any free one)'),
        })
        .default({ host: '127.0.0.1', port: 3000 }),
      cluster: NameSchema.optional().describe(
        "The site's cluster jobs run on; its default cluster otherwise",
      ),
      secret: z
        .strictObject({
          file: z
            .string()
            .min(1)
            .optional()
            .describe('A file holding it (mode 0600), relative to the config'),
          env: z.string().min(1).optional().describe('An environment variable holding it'),
          value: z.string().optional().describe('The secret itself: only in a config file of mode 0600'),
        })
        .describe('Signs the session and CSRF cookies: at least 32 characters'),
      authenticator: z
        .strictObject({
          kind: z
            .literal('development-unsafe')
            .describe('No password: anyone who reaches the portal can act as any listed user'),
          users: z.record(z.string().min(1), UserNameSchema).describe('Sign-in name → cluster user'),
        })
        .describe('Who may sign in'),
      syncEverySeconds: z.number().positive().default(30).describe('How often ended jobs are charged'),
    })
    .transform((section, ctx) => {
      const { secret: given, ...rest } = section;
      const at = (key: string) => ['secret', key];
      const sources = (['file', 'env', 'value'] as const).filter((k) => given[k] !== undefined);
      if (sources.length !== 1) {
        ctx.addIssue({ ...portalRules.issue('one_secret_source'), path: ['secret'] });
        return z.NEVER;
      }
      let secret: string;
      const source = sources[0]!;
      if (source === 'value') {
        const mode = openMode(file);
        if (mode) {
          ctx.addIssue({ ...portalRules.issue('secret_in_open_file', { value: mode }), path: at('value') });
          return z.NEVER;
        }
        secret = given.value!;
      } else if (source === 'env') {
        const value = env[given.env!];
        if (!value) {
          ctx.addIssue({ ...portalRules.issue('secret_env_unset', { value: given.env }), path: at('env') });
          return z.NEVER;
        }
        secret = value;
      } else {
        const path = resolve(dirname(file), given.file!);
        try {
          const mode = openMode(path);
          if (mode) {
            ctx.addIssue({ ...portalRules.issue('secret_file_open', { value: mode }), path: at('file') });
            return z.NEVER;
          }
          secret = readFileSync(path, 'utf8').trim();
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          ctx.addIssue({
            ...portalRules.issue('secret_unreadable', { value: path, text: code }),
            path: at('file'),
          });
          return z.NEVER;
        }
      }
      if (secret.length < 32) {
        ctx.addIssue({ ...portalRules.issue('secret_too_short'), path: at(source) });
        return z.NEVER;
      }
      return { ...rest, secret };
    });
}

/** The `portal:` section, validated, with the cookie secret read. */
export type PortalSection = z.output<ReturnType<typeof portalSectionSchema>>;
