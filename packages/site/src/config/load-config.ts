import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { LocalTransportOptionsSchema, SshTransportOptionsSchema } from '@hpckit/adapter-slurm';
import { isHpckitError, parseInput, type ValidationIssue, ValidationError } from '@hpckit/core';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { siteRules } from './site-rules.js';
import { type SiteConfig, SiteConfigSchema } from './schema.js';

/** Where one issue of a config file is: 1-based line and column. */
export interface ConfigLocation {
  line: number;
  column: number;
}

/** A config file read and validated. */
export interface LoadedConfig<Sections extends Record<string, unknown> = Record<never, never>> {
  /** Absolute path of the file. */
  file: string;
  config: SiteConfig;
  /** The program's own top-level sections ({@link LoadConfigOptions.sections}), validated. */
  sections: Sections;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions<S extends Record<string, z.ZodType>> {
  /**
   * Top-level sections of the program's own beside the site's (the portal's `portal:`), each
   * validated by its schema with the same file:line:col issues.
   */
  sections?: S;
  /** Where `{ env: NAME }` values are read (the ledger's `postgres` URL). @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Options of {@link findConfigFile}: what `--config`, the environment and the cwd say. */
export interface FindConfigOptions {
  /** `--config FILE`. */
  explicit?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

// The locations of a config file's issues, kept beside the error (a ValidationError's issues are
// core's shape, which has no place for a line) until the error is rendered.
const locations = new WeakMap<ValidationError, (ConfigLocation | undefined)[]>();

/** Where each issue of a config file's `ValidationError` is in the file, in issue order. */
export function configIssueLocations(err: ValidationError): (ConfigLocation | undefined)[] | undefined {
  return locations.get(err);
}

/**
 * The config file to read: `--config`, else `HPCKIT_CONFIG`, else `hpckit.yaml` in the working
 * directory if there is one, else `$XDG_CONFIG_HOME/hpckit/hpckit.yaml` (`~/.config/…`).
 */
export function findConfigFile({
  explicit,
  env = process.env,
  cwd = process.cwd(),
}: FindConfigOptions): string {
  if (explicit) return resolve(cwd, explicit);
  if (env.HPCKIT_CONFIG) return resolve(cwd, env.HPCKIT_CONFIG);
  const local = join(cwd, 'hpckit.yaml');
  if (exists(local)) return local;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'hpckit', 'hpckit.yaml');
}

function exists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads and validates a config file. Relative paths inside it (the SQLite file, key files) are
 * resolved against the file's directory, so the file means the same from any working directory.
 *
 * @throws `ValidationError` whose issues carry the file's line and column
 * ({@link configIssueLocations}): a missing file, YAML syntax, or a value the schema refuses.
 */
export function loadConfig<S extends Record<string, z.ZodType> = Record<never, never>>(
  file: string,
  options: LoadConfigOptions<S> = {},
): LoadedConfig<{ [K in keyof S]: z.output<S[K]> }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const rule = code === 'ENOENT' ? 'no_config_file' : 'unreadable_config';
    throw new ValidationError({
      details: {
        subject: basename(file),
        issues: [siteRules.validationIssue([], rule, { value: file, text: code })],
      },
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined): ConfigLocation | undefined =>
    offset === undefined
      ? undefined
      : { line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) =>
      siteRules.validationIssue([], 'yaml_syntax', { text: e.message.split('\n')[0] }),
    );
    const err = new ValidationError({ details: { subject: basename(file), issues } });
    locations.set(
      err,
      doc.errors.map((e) => at(e.pos[0])),
    );
    throw err;
  }
  const raw = doc.toJS() ?? {};
  const issues: ValidationIssue[] = [];
  const collect = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (!isHpckitError(err, 'VALIDATION')) throw err;
      issues.push(...err.details.issues);
    }
  };
  const own: Record<string, unknown> = {};
  // Not a mapping (a scalar, a list): the site's schema says so, as it would without sections.
  const isMapping = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  const siteRaw: Record<string, unknown> = isMapping ? { ...(raw as Record<string, unknown>) } : {};
  for (const [key, schema] of Object.entries(options.sections ?? {})) {
    const value = siteRaw[key];
    delete siteRaw[key];
    collect(() => {
      own[key] = parseInput(schema, value, basename(file), [key]);
    });
  }
  const postgres = siteRaw.ledger && (siteRaw.ledger as { postgres?: unknown }).postgres;
  if (isEnvRef(postgres)) {
    // The URL holds the database's password: a deployment keeps it in the environment.
    const url = (options.env ?? process.env)[postgres.env];
    if (url) siteRaw.ledger = { ...(siteRaw.ledger as object), postgres: url };
    else
      issues.push(
        siteRules.validationIssue(['ledger', 'postgres', 'env'], 'env_unset', { value: postgres.env }),
      );
  }
  let config: SiteConfig | undefined;
  collect(() => {
    config = parseInput(SiteConfigSchema, isMapping ? siteRaw : raw, basename(file));
  });
  for (const [name, cluster] of Object.entries(config?.clusters ?? {})) {
    const { kind, userKeyPath: _perUserKeys, ...options } = cluster.transport ?? { kind: 'local' };
    const path = ['clusters', name, 'transport'];
    if (cluster.adapter === 'mock') {
      if (cluster.transport) issues.push(siteRules.validationIssue(path, 'transport_for_mock'));
      continue;
    }
    if (cluster.homes) issues.push(siteRules.validationIssue(['clusters', name, 'homes'], 'homes_for_slurm'));
    const schema = kind === 'ssh' ? SshTransportOptionsSchema : LocalTransportOptionsSchema;
    collect(() => parseInput(schema, options, basename(file), path));
  }
  if (issues.length > 0 || !config) {
    const err = new ValidationError({ details: { subject: basename(file), issues } });
    locations.set(
      err,
      issues.map((i) => {
        // An unknown key is reported on its object; point at the key itself.
        const key = i.code === 'unrecognized_keys' ? i.facts?.keys?.[0] : undefined;
        return at(
          nodeAt(doc.contents, key === undefined ? i.path : [...i.path, key], key !== undefined)?.range?.[0],
        );
      }),
    );
    throw err;
  }
  return {
    file,
    config: resolvePaths(config, dirname(file)),
    sections: own as { [K in keyof S]: z.output<S[K]> },
  };
}

const isEnvRef = (v: unknown): v is { env: string } =>
  typeof v === 'object' && v !== null && typeof (v as { env?: unknown }).env === 'string';

// The deepest node of the document on an issue's path: the value itself, or the nearest parent
// that exists (a missing key is reported where its object is).
function nodeAt(root: unknown, path: readonly (string | number)[], keyItself = false): Node | undefined {
  let node = root as Node | undefined;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) return node;
      node = (keyItself && i === path.length - 1 ? pair.key : (pair.value ?? pair.key)) as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

function resolvePaths(config: SiteConfig, dir: string): SiteConfig {
  const fix = (p: string) => (isAbsolute(p) || p === ':memory:' ? p : resolve(dir, p));
  const clusters = Object.fromEntries(
    Object.entries(config.clusters).map(([name, given]) => {
      const c = given.homes ? { ...given, homes: fix(given.homes) } : given;
      if (!c.transport) return [name, c];
      const { credentials, userKeyPath } = c.transport as {
        credentials?: { privateKeyPath?: string };
        userKeyPath?: string;
      };
      return [
        name,
        {
          ...c,
          transport: {
            ...c.transport,
            ...(credentials?.privateKeyPath
              ? { credentials: { ...credentials, privateKeyPath: fix(credentials.privateKeyPath) } }
              : {}),
            ...(userKeyPath ? { userKeyPath: fix(userKeyPath) } : {}),
          },
        },
      ];
    }),
  ) as SiteConfig['clusters'];
  const ledger = config.ledger?.sqlite
    ? { ...config.ledger, sqlite: fix(config.ledger.sqlite) }
    : config.ledger;
  return { ...config, clusters, ...(ledger ? { ledger } : {}) };
}
