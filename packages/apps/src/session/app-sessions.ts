import { randomBytes } from 'node:crypto';
import {
  type App,
  type AppSession,
  delay,
  type HpckitClient,
  InternalError,
  isEnded,
  type Job,
  type JobState,
  NotFoundError,
  parseInput,
  TimeoutError,
} from '@hpckit/core';
import { z } from 'zod';
import { type AppRegistry, createAppRegistry } from '../definition/app-registry.js';
import type { SessionFiles } from '../files/session-files.js';
import { type FormValues, validateForm } from '../form/form-values.js';
import { SESSION_COMMENT_PREFIX, SESSION_JOB_PREFIX, sessionJobSpec } from '../form/session-job-spec.js';
import { type ConnectionFile, parseConnectionFile } from './connection-file.js';
import { type ConnectionInfo, connectionInfo } from './connection-info.js';
import { httpProbe, type ServerProbe } from './probe-server.js';
import {
  APPS_DIRECTORY,
  appDirectory,
  CONNECTION_FILE,
  LAST_FORM_FILE,
  SESSION_FILE,
  sessionDirectory,
} from './session-layout.js';

/** Options of {@link createAppSessions}. */
export const AppSessionsOptionsSchema = z.object({
  /** The client, acting for the session's user (`client.as('alice')`). */
  client: z.custom<HpckitClient>(
    (v) => typeof v === 'object' && v !== null && 'jobs' in v,
    'must be an hpckit client',
  ),
  /** The user's files on the cluster (home, connection files). */
  files: z.custom<SessionFiles>(
    (v) => typeof v === 'object' && v !== null && 'readFile' in v,
    'must implement SessionFiles',
  ),
  /** Apps that may be started. @default createAppRegistry() (the built-ins) */
  registry: z.custom<AppRegistry>((v) => typeof v === 'object' && v !== null && 'get' in v).optional(),
  /** The cluster to run on. @default the client's default cluster */
  cluster: z.string().optional(),
  /** Sessions directory relative to the home. @default '.hpckit/apps' */
  baseDir: z
    .string()
    .regex(/^[^/].*[^/]$|^[^/]$/, 'a relative path without a leading or trailing "/"')
    .default(APPS_DIRECTORY),
  /** Checks that the server answers. @default httpProbe (fetch, any status below 500) */
  probe: z.custom<ServerProbe>((v) => typeof v === 'function').optional(),
  /** How often {@link AppSessions.waitReady} looks for the connection file and probes, in ms. @default 500 */
  readyIntervalMs: z.number().int().positive().default(500),
  /**
   * List only sessions submitted in the last this many days (by the local clock, so leave it unset
   * for a scheduler on virtual time). @default undefined (the scheduler's own history window)
   */
  listDays: z.number().positive().optional(),
});

/** Options of {@link createAppSessions}, as given. */
export type AppSessionsOptions = z.input<typeof AppSessionsOptionsSchema>;

/** A session with its job's latest state. */
export interface AppSessionStatus extends AppSession {
  state: JobState;
  job: Job;
}

/** What {@link AppSessions.waitReady} resolves with. */
export interface ReadySession {
  session: AppSession;
  connection: ConnectionInfo;
  /**
   * Where the time went, in ms from the call to `create` (the session's `createdAt`): until the
   * SDK saw the job running (submission included), then until the server answered.
   */
  timings: { schedulerWaitMs: number; serverStartMs: number; totalMs: number };
}

/** Options of {@link AppSessions.waitReady}. */
export interface ReadyOptions {
  /** Give up with `TIMEOUT` after this many ms. @default 300000 */
  timeout?: number;
  signal?: AbortSignal;
}

/** The lifecycle of interactive-app sessions of one user on one cluster. */
export interface AppSessions {
  readonly registry: AppRegistry;
  /**
   * Validates the form, writes the session directory, submits the job and remembers the form.
   *
   * @throws `VALIDATION` (`form.<field>`), `NOT_FOUND` for an unknown app, and the client's
   * submit errors (`POLICY_VIOLATION`…).
   */
  create(
    appId: string,
    form?: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): Promise<AppSession>;
  /** The user's sessions (of one app, or all registered apps) with their job states, newest first. */
  list(options?: { appId?: string; signal?: AbortSignal }): Promise<AppSessionStatus[]>;
  /**
   * Waits until the job runs, its connection file exists and the server answers.
   *
   * @throws `TIMEOUT`; `INTERNAL` if the job ends first (its `output.log` says why).
   */
  waitReady(session: AppSession, options?: ReadyOptions): Promise<ReadySession>;
  /** URL and credentials of a started session. @throws `NOT_FOUND` before the job wrote them. */
  connection(session: AppSession): Promise<ConnectionInfo>;
  /** Cancels the session's job. */
  cancel(session: AppSession, options?: { signal?: AbortSignal }): Promise<void>;
  /** The form values of the app's last submission, to prefill its form. */
  lastForm(appId: string): Promise<FormValues | undefined>;
}

const FormValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * Creates the session lifecycle over an hpckit client and the user's files.
 *
 * @example
 * ```ts
 * const sessions = createAppSessions({ client: client.as('alice'), files });
 * const session = await sessions.create('jupyter-notebook', { partition: 'gpu', hours: 2 });
 * const { connection } = await sessions.waitReady(session, { timeout: 120_000 });
 * // proxy to connection.origin with connection.headers; send the user to connection.url
 * ```
 */
export function createAppSessions(options: AppSessionsOptions): AppSessions {
  const o = parseInput(AppSessionsOptionsSchema, options, 'app sessions options', ['options']);
  const { client, files } = o;
  const registry = o.registry ?? createAppRegistry();
  const probe = o.probe ?? httpProbe;
  const cluster = o.cluster ?? client.defaultCluster;
  const call = (signal?: AbortSignal) => ({ cluster, ...(signal && { signal }) });

  async function readConnection(session: AppSession): Promise<ConnectionFile | undefined> {
    const path = `${session.directory}/${CONNECTION_FILE}`;
    if (!(await files.exists(path))) return undefined;
    return parseConnectionFile(await files.readFile(path), path);
  }

  function sessionOf(job: Job, appId: string): AppSession {
    const fromComment = job.comment?.startsWith(SESSION_COMMENT_PREFIX)
      ? job.comment.slice(SESSION_COMMENT_PREFIX.length).trim()
      : undefined;
    const directory = job.workingDirectory ?? '';
    const id = fromComment || directory.split('/').at(-1) || job.id;
    return {
      id,
      appId,
      cluster: job.cluster,
      user: job.user,
      jobId: job.id,
      createdAt: job.submitTime,
      directory,
    };
  }

  const sessions: AppSessions = {
    registry,
    async create(appId, form, opts) {
      const createdAt = new Date();
      const app: App = registry.get(appId);
      const values = validateForm(app, form ?? {});
      const id = randomBytes(8).toString('hex');
      const home = await files.home();
      const directory = sessionDirectory(home, app.id, id, o.baseDir);
      await files.mkdir(directory);
      const spec = sessionJobSpec(app, id, directory, values);
      const handle = await client.jobs.submit(spec, call(opts?.signal));
      const session: AppSession = {
        id,
        appId: app.id,
        cluster: handle.cluster,
        user: handle.job.user,
        jobId: handle.id,
        createdAt,
        directory,
      };
      // Two independent files: written at once, each costs round trips over SFTP.
      await Promise.all([
        files.writeFile(
          `${directory}/${SESSION_FILE}`,
          `${JSON.stringify({ ...session, form: values }, null, 2)}\n`,
        ),
        files.writeFile(
          `${appDirectory(home, app.id, o.baseDir)}/${LAST_FORM_FILE}`,
          `${JSON.stringify(values)}\n`,
        ),
      ]);
      return session;
    },

    async list(opts) {
      const apps = opts?.appId ? [registry.get(opts.appId)] : registry.list();
      const window = o.listDays
        ? { submitTime: { from: new Date(Date.now() - o.listDays * 86_400_000) } }
        : {};
      const pages = await Promise.all(
        apps.map((app) =>
          client.jobs.list(
            {
              name: `${SESSION_JOB_PREFIX}${app.id}`,
              ...window,
              ...(client.user && { users: [client.user] }),
            },
            call(opts?.signal),
          ),
        ),
      );
      const out: AppSessionStatus[] = [];
      pages.forEach((page, i) => {
        for (const job of page.jobs) out.push({ ...sessionOf(job, apps[i]!.id), state: job.state, job });
      });
      return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },

    async waitReady(session, opts) {
      const started = Date.now();
      const timeout = opts?.timeout ?? 300_000;
      const deadline = started + timeout;
      const since = Math.min(session.createdAt.getTime(), started);
      const app = registry.get(session.appId);
      const handle = await client.jobs.handle(session.jobId, call(opts?.signal));
      const job = await handle.wait({
        until: 'running',
        timeout,
        ...(opts?.signal && { signal: opts.signal }),
      });
      if (isEnded(job.state)) throw endedError(session, job);
      const running = Date.now();
      for (;;) {
        opts?.signal?.throwIfAborted();
        if (isEnded(handle.state)) throw endedError(session, handle.job);
        const conn = await readConnection(session);
        if (conn) {
          const info = connectionInfo(app, session.id, conn);
          const remaining = Math.max(1, Math.min(5_000, deadline - Date.now()));
          if (await probe(new URL(app.connect.readyPath, info.origin).toString(), remaining)) {
            const ready = Date.now();
            return {
              session: { ...session, connection: { host: conn.host, port: conn.port, secret: conn.secret } },
              connection: info,
              timings: {
                schedulerWaitMs: running - since,
                serverStartMs: ready - running,
                totalMs: ready - since,
              },
            };
          }
        }
        if (Date.now() + o.readyIntervalMs > deadline) {
          throw new TimeoutError({
            details: { operation: `wait for app session ${session.id}`, timeoutMs: timeout },
            message: `session ${session.id} (job ${session.jobId}) is running but its server did not answer within ${timeout} ms${conn ? '' : ' (no connection file yet)'}`,
            hint: `look at ${session.directory}/output.log, or wait longer with { timeout }`,
          });
        }
        await delay(o.readyIntervalMs, opts?.signal);
      }
    },

    async connection(session) {
      const conn = await readConnection(session);
      if (conn) return connectionInfo(registry.get(session.appId), session.id, conn);
      throw new NotFoundError({
        details: { kind: 'connection file', id: `${session.directory}/${CONNECTION_FILE}` },
        message: `session ${session.id} has no connection file yet (job ${session.jobId} has not started its server)`,
        hint: 'wait with sessions.waitReady(session) first',
      });
    },

    async cancel(session, opts) {
      await client.jobs.cancel(session.jobId, call(opts?.signal));
    },

    async lastForm(appId) {
      const app = registry.get(appId);
      const path = `${appDirectory(await files.home(), app.id, o.baseDir)}/${LAST_FORM_FILE}`;
      if (!(await files.exists(path))) return undefined;
      const parsed = FormValuesSchema.safeParse(JSON.parse(await files.readFile(path)));
      return parsed.success ? parsed.data : undefined;
    },
  };
  return sessions;
}

function endedError(session: AppSession, job: Job): InternalError {
  return new InternalError({
    details: { operation: `wait for app session ${session.id}` },
    message: `the job ${job.id} of session ${session.id} ended (${job.state.outcome ?? job.state.phase}) before its server was ready`,
    hint: `read ${session.directory}/output.log for the server's output`,
  });
}
