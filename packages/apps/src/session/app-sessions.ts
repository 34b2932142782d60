import { randomBytes } from 'node:crypto';
import {
  type RuleFacts,
  type App,
  type AppSession,
  delay,
  type HpckitClient,
  InternalError,
  isEnded,
  type Job,
  type JobHandle,
  type JobState,
  type NodeAddress,
  NotFoundError,
  parseInput,
  TimeoutError,
  type TimeoutOptions,
  timeoutMsOf,
} from '@hpckit/core';
import { z } from 'zod';
import { appRules } from '../errors/app-rules.js';
import { type AppRegistry, createAppRegistry } from '../definition/app-registry.js';
import type { SessionFiles } from '../files/session-files.js';
import { type FormValues, validateForm } from '../form/form-values.js';
import { SESSION_COMMENT_PREFIX, SESSION_JOB_PREFIX, sessionJobSpec } from '../form/session-job-spec.js';
import { BasePathSchema, sessionBasePath, underBasePath } from './base-path.js';
import { type ConnectionFile, parseConnectionFile } from './connection-file.js';
import { type ConnectionInfo, connectionInfo } from './connection-info.js';
import { jobNodes } from './job-nodes.js';
import { httpProbe, type ServerProbe } from './probe-server.js';
import { type HostResolver, systemResolver } from './resolve-host.js';
import {
  APPS_DIRECTORY,
  appDirectory,
  CONNECTION_FILE,
  LAST_FORM_FILE,
  SESSION_FILE,
  sessionDirectory,
} from './session-layout.js';
import { type AllowUpstream, checkUpstream } from './upstream-check.js';
import { upstreamUrl } from './upstream-url.js';

/** Options of {@link createAppSessions}. */
export const AppSessionsOptionsSchema = z.object({
  /** The client, acting for the session's user (`client.as('alice')`). */
  client: z.custom<HpckitClient>((v) => typeof v === 'object' && v !== null && 'jobs' in v, {
    error: appRules.error('not_a_client'),
  }),
  /** The user's files on the cluster (home, connection files). */
  files: z.custom<SessionFiles>((v) => typeof v === 'object' && v !== null && 'readFile' in v, {
    error: appRules.error('not_session_files'),
  }),
  /** Apps that may be started. @default createAppRegistry() (the built-ins) */
  registry: z.custom<AppRegistry>((v) => typeof v === 'object' && v !== null && 'get' in v).optional(),
  /** The cluster to run on. @default the client's default cluster */
  cluster: z.string().optional(),
  /**
   * Sessions directory relative to the home, e.g. `portal/sessions`: no leading or trailing `/`,
   * no empty, `.` or `..` segment, one line. @default '.hpckit/apps'
   */
  baseDir: z
    .string()
    .superRefine((dir, ctx) => {
      const problem = baseDirProblem(dir);
      if (problem) ctx.addIssue(appRules.issue(problem.rule, problem.facts));
    })
    .default(APPS_DIRECTORY),
  /** Checks that the server answers. @default httpProbe (fetch, any status below 500) */
  probe: z
    .custom<ServerProbe>((v) => typeof v === 'function', { error: appRules.error('not_a_function') })
    .optional(),
  /**
   * The site's own rule about where the proxy and the probe may connect, asked after the built-in
   * checks of the connection file (its job, a node of the job, the app's port range), which it
   * cannot loosen: `false` or a throw refuses. @default every upstream the built-in checks allow
   */
  allowUpstream: z
    .custom<AllowUpstream>((v) => typeof v === 'function', { error: appRules.error('not_a_function') })
    .optional(),
  /**
   * Resolves host names when a connection file's host is not a name or address the scheduler
   * gives for the job's nodes. @default the system resolver (`/etc/hosts`, DNS)
   */
  resolveHost: z
    .custom<HostResolver>((v) => typeof v === 'function', { error: appRules.error('not_a_function') })
    .optional(),
  /**
   * The URL path each session's server is reached under, for a portal whose reverse proxy forwards
   * a path prefix as it is (`/apps/{{session}}/proxy/`, `{{session}}` being the session's id): the
   * job exports it as `HPCKIT_BASE_URL` (the built-in Jupyter apps set `base_url` from it, so their
   * pages link under it), and `connection().url` and the readiness probe use it. Starts and ends
   * with `/`. @default '/'
   */
  basePath: BasePathSchema.default('/'),
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

// Sessions must stay under the home: the SDK creates and the job writes their files there.
function baseDirProblem(
  dir: string,
): { rule: Parameters<typeof appRules.issue>[0]; facts: RuleFacts } | undefined {
  if (/\p{Cc}/u.test(dir)) return { rule: 'base_dir_control', facts: {} };
  if (dir.startsWith('/')) return { rule: 'base_dir_absolute', facts: { value: dir } };
  const segments = dir.split('/');
  if (segments.includes('..')) return { rule: 'base_dir_dotdot', facts: { value: dir } };
  if (segments.some((s) => s === '' || s === '.')) {
    const fixed = segments.filter((s) => s !== '' && s !== '.').join('/') || '.hpckit/apps';
    return { rule: 'base_dir_empty_segment', facts: { value: dir, item: fixed } };
  }
  return undefined;
}

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
   * Where the time went, in ms: until the SDK saw the job running, then until the server answered.
   * Counted from the call to `create` when given the session object `create` returned (submission
   * included); else from the session's `createdAt` (the scheduler's submit time), or from this
   * call if that is later (a scheduler clock ahead of this machine's).
   */
  timings: { schedulerWaitMs: number; serverStartMs: number; totalMs: number };
}

/** Options of {@link AppSessions.waitReady}. */
export interface ReadyOptions extends TimeoutOptions {
  /** Give up with `TIMEOUT` after this many ms. @default 300000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The lifecycle of interactive-app sessions of one user on one cluster. */
export interface AppSessions {
  readonly registry: AppRegistry;
  /**
   * Validates the form, writes the session directory, submits the job and remembers the form.
   * The session's `createdAt` is the job's submit time, as {@link AppSessions.list} reports it.
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
   * One of the user's sessions by its id (from {@link AppSessions.list}): what a portal looks up
   * for an id in a URL. Another user's session is not among them.
   *
   * @throws `NOT_FOUND` for an id that is none of this user's sessions, worded as for an unknown one.
   */
  get(sessionId: string, options?: { signal?: AbortSignal }): Promise<AppSessionStatus>;
  /**
   * Waits until the job runs, its connection file exists and the server answers. The file is
   * checked as {@link AppSessions.connection} checks it before the probe connects anywhere.
   *
   * @throws `TIMEOUT`; `INTERNAL` if the job ends first (its `output.log` says why);
   * `PERMISSION_DENIED` or `PARSE` for a connection file that points elsewhere; `VALIDATION` (at
   * `options.timeout`) if both `timeoutMs` and its deprecated spelling `timeout` are given.
   */
  waitReady(session: AppSession, options?: ReadyOptions): Promise<ReadySession>;
  /**
   * URL and credentials of a session whose job runs, from its connection file. Looks up the job
   * first (one `jobs.get`): `connection.json` outlives the job, and a proxy trusting it after the
   * job ended could forward to whatever server took the port since. The user's job writes the
   * file, so it is checked: it must name the session's job, a host that is one of the job's
   * nodes (`config.nodes`, when the adapter has it), a port in the app's `portRange`, and pass
   * `allowUpstream`.
   *
   * @throws `INTERNAL` if the job has ended (or is ending), as {@link AppSessions.waitReady} reports
   * it; `NOT_FOUND` while the job is not running (queued, held, suspended) or before it wrote the
   * file; `PARSE` for a malformed file or host; `PERMISSION_DENIED` naming the field of a file
   * that points elsewhere.
   */
  connection(session: AppSession, options?: { signal?: AbortSignal }): Promise<ConnectionInfo>;
  /** Cancels the session's job. */
  cancel(session: AppSession, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * The form values of the app's last submission, to prefill its form; `undefined` if there is
   * none or the stored file is not valid (a prefill is a convenience, not worth an error).
   */
  lastForm(appId: string): Promise<FormValues | undefined>;
}

const FormValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * Creates the session lifecycle over an hpckit client and the user's files.
 *
 * @example
 * ```ts
 * const sessions = createAppSessions({ client: client.as('alice'), files: fileSystemSessionFiles(files) });
 * const session = await sessions.create('jupyter-notebook', { partition: 'gpu', hours: 2 });
 * const { connection } = await sessions.waitReady(session, { timeoutMs: 120_000 });
 * // proxy to connection.origin with connection.headers; send the user to connection.url
 * ```
 */
export function createAppSessions(options: AppSessionsOptions): AppSessions {
  const o = parseInput(AppSessionsOptionsSchema, options, appRules.subject('app_sessions_options'), [
    'options',
  ]);
  const { client, files } = o;
  const registry = o.registry ?? createAppRegistry();
  const probe = o.probe ?? httpProbe;
  const resolveHost = o.resolveHost ?? systemResolver;
  const cluster = o.cluster ?? client.defaultCluster;
  const call = (signal?: AbortSignal) => ({ cluster, ...(signal && { signal }) });
  // When create() was called, by this machine's clock, for the session objects it returned: a
  // finer start for waitReady's timings than the scheduler's submit time (whole seconds on Slurm).
  const createdLocally = new WeakMap<AppSession, number>();

  async function readConnection(session: AppSession): Promise<ConnectionFile | undefined> {
    const path = connectionPath(session);
    if (!(await files.exists(path))) return undefined;
    return parseConnectionFile(await files.readFile(path), path);
  }

  // Nothing connects to a connection file's upstream before this: the user's job wrote it.
  async function checkedConnection(
    app: App,
    session: AppSession,
    job: Job,
    conn: ConnectionFile,
    nodes: NodeAddress[],
  ): Promise<ConnectionInfo> {
    const upstream = await checkUpstream({
      app,
      session,
      job,
      conn,
      path: connectionPath(session),
      nodes,
      resolveHost,
      ...(o.allowUpstream && { allowUpstream: o.allowUpstream }),
    });
    return connectionInfo(
      app,
      session.id,
      { ...conn, address: upstream.address },
      sessionBasePath(o.basePath, session.id),
    );
  }

  // Waits, with the job watched, until the server its connection file names answers the probe.
  async function awaitServer(
    session: AppSession,
    app: App,
    handle: JobHandle,
    deadline: number,
    timeout: number,
    times: { since: number; running: number },
    opts: ReadyOptions | undefined,
  ): Promise<ReadySession> {
    const { since, running } = times;
    // A running job's nodes do not change: asked once, when the first connection file appears.
    let nodes: NodeAddress[] | undefined;
    for (;;) {
      opts?.signal?.throwIfAborted();
      if (isEnded(handle.state)) {
        throw endedError(session, handle.job, `wait for app session ${session.id}`, 'app_ended_before_ready');
      }
      const conn = await readConnection(session);
      if (conn) {
        nodes ??= await jobNodes(client, handle.job, call(opts?.signal));
        const info = await checkedConnection(app, session, handle.job, conn, nodes);
        const remaining = Math.max(1, Math.min(5_000, deadline - Date.now()));
        const readyPath = underBasePath(sessionBasePath(o.basePath, session.id), app.connect.readyPath);
        if (await probe(upstreamUrl(info, readyPath).toString(), remaining)) {
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
          details: {
            operation: `wait for app session ${session.id}`,
            timeoutMs: timeout,
            reason: 'app_not_ready',
            ...sessionFacts(session),
            connectionFile: conn !== undefined,
          },
        });
      }
      await delay(o.readyIntervalMs, opts?.signal);
    }
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
      const called = Date.now();
      const app: App = registry.get(appId);
      const values = validateForm(app, form ?? {});
      const id = randomBytes(8).toString('hex');
      const home = await files.home();
      const directory = sessionDirectory(home, app.id, id, o.baseDir);
      await files.mkdir(directory);
      const basePath = sessionBasePath(o.basePath, id);
      const spec = sessionJobSpec(app, id, directory, values, basePath);
      const handle = await client.jobs.submit(spec, call(opts?.signal));
      const session: AppSession = {
        id,
        appId: app.id,
        cluster: handle.cluster,
        user: handle.job.user,
        jobId: handle.id,
        createdAt: handle.job.submitTime,
        directory,
      };
      createdLocally.set(session, called);
      // Two independent files: written at once, each costs round trips over SFTP.
      await Promise.all([
        files.writeFile(
          `${directory}/${SESSION_FILE}`,
          `${JSON.stringify({ ...session, form: values, basePath }, null, 2)}\n`,
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

    async get(sessionId, opts) {
      const found = (await sessions.list(opts)).find((s) => s.id === sessionId);
      if (found) return found;
      throw new NotFoundError({
        details: { kind: 'app session', id: sessionId.slice(0, 64) },
      });
    },

    async waitReady(session, opts) {
      const started = Date.now();
      const timeout = timeoutMsOf(opts, appRules.subject('waitready_options')) ?? 300_000;
      const deadline = started + timeout;
      const since = createdLocally.get(session) ?? Math.min(session.createdAt.getTime(), started);
      const app = registry.get(session.appId);
      const handle = await client.jobs.handle(session.jobId, call(opts?.signal));
      const job = await handle.wait({
        until: 'running',
        timeoutMs: timeout,
        ...(opts?.signal && { signal: opts.signal }),
      });
      if (isEnded(job.state))
        throw endedError(session, job, `wait for app session ${session.id}`, 'app_ended_before_ready');
      const running = Date.now();
      // The handle's state is fresh only while the job is watched: watch it (on the shared poller)
      // for as long as the server is awaited, so a job that ends meanwhile is reported at once.
      const unwatch = handle.on('ended', () => {});
      try {
        return await awaitServer(session, app, handle, deadline, timeout, { since, running }, opts);
      } finally {
        unwatch();
      }
    },

    async connection(session, opts) {
      const app = registry.get(session.appId);
      const job = await client.jobs.get(session.jobId, call(opts?.signal));
      if (isEnded(job.state) || job.state.phase === 'completing') {
        throw endedError(session, job, `connect to app session ${session.id}`, 'app_connection_stale');
      }
      if (job.state.phase !== 'running') {
        throw new NotFoundError({
          details: {
            kind: 'running server',
            id: `session ${session.id}`,
            reason: 'server_not_running',
            ...sessionFacts(session),
            jobState: job.state.phase,
          },
        });
      }
      const conn = await readConnection(session);
      if (conn)
        return checkedConnection(app, session, job, conn, await jobNodes(client, job, call(opts?.signal)));
      throw new NotFoundError({
        details: {
          kind: 'connection file',
          id: connectionPath(session),
          reason: 'no_connection_file',
          ...sessionFacts(session),
        },
      });
    },

    async cancel(session, opts) {
      await client.jobs.cancel(session.jobId, call(opts?.signal));
    },

    async lastForm(appId) {
      const app = registry.get(appId);
      const path = `${appDirectory(await files.home(), app.id, o.baseDir)}/${LAST_FORM_FILE}`;
      if (!(await files.exists(path))) return undefined;
      let stored: unknown;
      try {
        stored = JSON.parse(await files.readFile(path));
      } catch (err) {
        if (err instanceof SyntaxError) return undefined;
        throw err;
      }
      const parsed = FormValuesSchema.safeParse(stored);
      return parsed.success ? parsed.data : undefined;
    },
  };
  return sessions;
}

function connectionPath(session: AppSession): string {
  return `${session.directory}/${CONNECTION_FILE}`;
}

/** What the catalogue says about a session: its id, its job and its directory (never its secret). */
function sessionFacts(session: AppSession): { session: string; sessionJob: string; directory: string } {
  return { session: session.id, sessionJob: session.jobId, directory: session.directory };
}

function endedError(
  session: AppSession,
  job: Job,
  operation: string,
  reason: 'app_ended_before_ready' | 'app_connection_stale',
): InternalError {
  return new InternalError({
    details: {
      operation,
      reason,
      ...sessionFacts(session),
      sessionJob: job.id,
      jobState: job.state.phase,
      ...(job.state.outcome !== undefined && { outcome: job.state.outcome }),
    },
  });
}
