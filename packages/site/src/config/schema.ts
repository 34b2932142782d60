import { NameSchema, UserNameSchema } from '@hpckit/core';
import { z } from 'zod';
import { siteRules } from './site-rules.js';

/** Site presets a cluster can name: its price table, resource policy and (on the mock) its shape. */
export const SITE_PRESETS = ['ikkem'] as const;

const TransportSchema = z
  .looseObject({
    kind: z.enum(['local', 'ssh']).describe('local: run the Slurm tools on this host; ssh: on a login node'),
    userKeyPath: z
      .string()
      .includes('{user}', { error: siteRules.error('user_key_path') })
      .optional()
      .describe(
        "ssh with `actAs: { mode: credentials }`: each user's private key, `{user}` standing for the login (e.g. /etc/hpckit/keys/{user}_ed25519); commands and files then run as that user's own login",
      ),
  })
  .describe(
    'How the Slurm tools are run: `kind` plus the options of `localTransport` or `sshTransport` of @hpckit/transport (host, port, credentials, hostKey, actAs…)',
  );

/** One cluster of the config file. */
export const SiteClusterSchema = z
  .strictObject({
    adapter: z
      .enum(['mock', 'slurm'])
      .describe('mock: the in-process scheduler of @hpckit/adapter-mock; slurm: a real cluster'),
    site: z
      .enum(SITE_PRESETS)
      .optional()
      .describe('Site preset: price table and resource policy (`hpckit quote`, `hpckit check`)'),
    transport: TransportSchema.optional(),
    slurmCluster: NameSchema.optional().describe(
      'Slurm cluster name as sacct reports it, when it differs from the key',
    ),
    user: UserNameSchema.optional().describe(
      "Who commands act as without --as; without either, the adapter's own login (Slurm: the transport's user)",
    ),
    users: z
      .record(UserNameSchema, UserNameSchema)
      .default({})
      .describe('User mapping: the name given to --as → the login on this cluster'),
    homes: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Mock only: a directory holding one home per user (relative to the config file), where jobs' output files are written and `hpckit files` works; without it the mock writes no files",
      ),
    clockScale: z
      .number()
      .positive()
      .optional()
      .describe('Mock only: how many times faster than real time its clock runs (3600: an hour a second)'),
  })
  .describe('A cluster: its adapter, how to reach it and its site preset');

/** Where the ledger lives: a SQLite file or a PostgreSQL database. */
export const SiteLedgerSchema = z
  .strictObject({
    sqlite: z
      .string()
      .min(1)
      .optional()
      .describe('SQLite file (created if missing), relative to the config file'),
    postgres: z
      .string()
      .regex(/^postgres(ql)?:\/\//)
      .optional()
      .describe(
        'postgres://user:password@host:port/database (the password is never printed), or `{ env: NAME }`: the URL is that environment variable',
      ),
    schema: z.string().optional().describe('PostgreSQL schema of the ledger tables'),
    currency: z.string().default('CNY').describe('ISO 4217 currency of the ledger'),
    timeZone: z.string().default('UTC').describe('Time zone of spending-limit periods and CSV times'),
    actor: z
      .strictObject({
        user: UserNameSchema,
        roles: z.array(z.enum(['platform-admin', 'finance'])).default([]),
      })
      .default({ user: 'root', roles: ['platform-admin'] })
      .describe('Who ledger commands act as, unless --as names a user'),
  })
  .refine((l) => (l.sqlite === undefined) !== (l.postgres === undefined), {
    error: siteRules.error('one_ledger_store'),
  })
  .describe('The ledger store');

/** The `hpckit.yaml` config file. */
export const SiteConfigSchema = z
  .strictObject({
    defaultCluster: NameSchema.optional().describe('Cluster used without --cluster; the first one otherwise'),
    clusters: z
      .record(NameSchema, SiteClusterSchema)
      .refine((c) => Object.keys(c).length > 0, { error: siteRules.error('at_least_one_cluster') })
      .describe('The clusters, by the name --cluster takes'),
    ledger: SiteLedgerSchema.optional(),
  })
  .describe('hpckit.yaml: clusters and the ledger');

/** A validated config file. */
export type SiteConfig = z.output<typeof SiteConfigSchema>;
/** A validated cluster of the config file. */
export type SiteCluster = z.output<typeof SiteClusterSchema>;
