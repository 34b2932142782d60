import PQueue from 'p-queue';
import { randomUUID } from 'node:crypto';
import {
  aggregateArrayJob,
  type CallContext,
  DurationSchema,
  defineSchedulerAdapter,
  isHpckitError,
  type Job,
  type JobQuery,
  type JobSpec,
  NameSchema,
  parseInput,
  type PolicyError,
  type SchedulerAdapter,
  type SubmitContext,
  type TimeLimitChange,
  validationSubject,
} from '@hpckit/core';
import { renderBatchScript, sbatchCommandLine } from '@hpckit/core/sbatch';
import { z } from 'zod';
import { fail } from '../errors/slurm-errors.js';
import { slurmRules } from '../errors/slurm-rules.js';
import { commentWithToken, tokenOf } from '../operations/idempotency-token.js';
import {
  byArray,
  bySubmitThenId,
  finalIds,
  keep,
  matcher,
  needsHistory,
  project,
  withUserComment,
} from '../operations/jobs-query.js';
import { withAllowed } from '../operations/jobs-submit.js';
import { keyAttempts, namesOf, type WantedToken } from '../operations/token-lookup.js';
import { submittedJob } from '../operations/submitted-job.js';
import type { localAuth, RestAuth } from './auth.js';
import { createRestClient, type RestEnvelope } from './client.js';
import { decodeClusterConfig } from './config.js';
import { restRules } from './rest-rules.js';
import {
  REST_CODECS,
  REST_OPTIONS,
  type RestCodec,
  type RestJobUpdate,
  type RestOperation,
} from './codecs.js';
import { type AccountingFilter, accountingJobsPath, isJobId } from './job-reads.js';
import { negotiateVersion } from './negotiate.js';

const ADAPTER_VERSION = '0.1.0';
// v0.0.36 says "_handle_job_get: unknown job 12" where later versions say "Invalid job id".
const NOT_HELD = /Invalid job id specified|Unable to find JobId|unknown job \d/i;
const NOTHING_FOUND = /Nothing found/i;
const HELD = /Job is in held state, pending scheduler release/i;
// slurmctld requests in flight at once for one call's per-job reads.
const LIVE_CONCURRENCY = 4;
/** A queue running at most `concurrency` reads at once (results come back in the calls' order). */
const bounded = (concurrency: number) => new PQueue({ concurrency });
// Jobs up to which a call reads slurmctld one job at a time; past it, the whole queue in one
// request. On the test cluster (113 jobs queued, 0.35 MB) the queue took 27-34 ms and 10 jobs
// one at a time (4 in flight) 22-30 ms, 50 jobs 140-200 ms; the queue's cost grows with its size
// (thousands of jobs at a centre), a job's does not.
const PER_JOB_READS = 20;
// Ids past which accounting is read first (one request answers every ended job) and slurmctld
// only for the rest, as the CLI adapter does past 100 ids.
const ACCOUNTING_FIRST_IDS = 100;
// Ids in one accounting read: 22.05 answers 5,000 in one request (35 kB of query); proxies in
// front of slurmrestd may refuse such URLs long before.
const IDS_PER_READ = 1_000;
// The spec field each wrong-name refusal is about.
const NAMED_BY: Partial<Record<string, 'partition' | 'qos' | 'account'>> = {
  invalid_partition: 'partition',
  invalid_qos: 'qos',
  invalid_account: 'account',
};

/** Options of {@link slurmRestAdapter}. */
export const SlurmRestAdapterOptionsSchema = z.strictObject({
  /**
   * slurmrestd's address: `http://127.0.0.1:6820`, or `unix:/run/slurmrestd.socket` for a daemon
   * on a UNIX socket (with {@link localAuth}).
   */
  url: z.union([z.url({ protocol: /^https?$/ }), z.string().regex(/^unix:\/\S+$/)], {
    error: restRules.error('rest_url'),
  }),
  /** How requests authenticate: `jwtAuth({...})`, a token per user; `localAuth()` on a UNIX socket. */
  auth: z.custom<RestAuth>(
    (v) => typeof v === 'object' && v !== null && typeof (v as RestAuth).headers === 'function',
    { error: restRules.error('not_a_rest_auth') },
  ),
  /**
   * OpenAPI plugin versions the adapter may use, e.g. `["v0.0.38"]`; the newest one slurmrestd
   * also serves is chosen. Capabilities are what every listed version can do.
   * @default every version this package has a codec for
   */
  versions: z
    .array(z.enum(REST_CODECS.map((c) => c.version) as [string, ...string[]]))
    .min(1)
    .optional(),
  /** Cluster name reported in jobs. @default the accounting cluster of the first job read, else "slurm" */
  cluster: NameSchema.optional(),
  /**
   * Home directory of a user, against which a relative working directory is resolved (slurmrestd
   * cannot look it up). @default `/home/<user>`
   */
  homeOf: z
    .custom<(user: string) => string>((v) => typeof v === 'function', {
      error: restRules.error('not_a_home_function'),
    })
    .optional(),
  /** Per-request timeout in ms. @default 30000 */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Window of a listing that names no time range. @default "30d" */
  historyWindow: DurationSchema.default(30 * 86_400),
  /** Interpreter line of generated scripts. @default "/bin/bash" */
  shell: z
    .string()
    .regex(/^\/\S+$/, { error: restRules.error('absolute_interpreter') })
    .default('/bin/bash'),
  /** The fetch to send requests with. @default globalThis.fetch */
  fetch: z
    .custom<typeof fetch>((v) => typeof v === 'function', { error: restRules.error('not_a_fetch') })
    .optional(),
});

/** What callers may pass to {@link slurmRestAdapter}. */
export type SlurmRestAdapterOptions = z.input<typeof SlurmRestAdapterOptionsSchema>;

/**
 * The Slurm adapter over slurmrestd, the third transport beside local commands and SSH: the same
 * contract, read and written through Slurm's REST API with a codec per OpenAPI plugin version.
 * The version is negotiated on first use (the newest both sides speak); what a version cannot do
 * is declared false in the capabilities, never emulated.
 *
 * @example
 * ```ts
 * import { createClient } from '@hpckit/core';
 * import { jwtAuth, slurmRestAdapter } from '@hpckit/adapter-slurm';
 *
 * const client = createClient({
 *   clusters: {
 *     hpc: {
 *       adapter: slurmRestAdapter({
 *         url: 'http://slurmrestd.hpc.example.org:6820',
 *         auth: jwtAuth({ serviceUser: 'portal', mint: async (user) => `token-of-${user}` }),
 *       }),
 *     },
 *   },
 * });
 * ```
 */
export function slurmRestAdapter(options: SlurmRestAdapterOptions): SchedulerAdapter {
  const opts = parseInput(
    SlurmRestAdapterOptionsSchema,
    options,
    slurmRules.subject('slurm_rest_adapter_options'),
  );
  const allowed = REST_CODECS.filter((c) => !opts.versions || opts.versions.includes(c.version));
  const can = (op: RestOperation) => allowed.every((c) => c.operations.has(op));
  const client = createRestClient({
    url: opts.url,
    auth: opts.auth,
    timeoutMs: opts.timeoutMs,
    fetch: opts.fetch,
  });
  let negotiated: Promise<{ codec: RestCodec; release: string }> | undefined;
  const codec = (signal?: AbortSignal) => {
    negotiated ??= negotiateVersion(client, allowed, signal);
    negotiated.catch(() => {
      negotiated = undefined;
    });
    return negotiated;
  };
  let clusterName = opts.cluster;
  const cluster = () => clusterName ?? 'slurm';
  const homeOf = opts.homeOf ?? ((user: string) => `/home/${user}`);
  const attempts = keyAttempts();

  // Raw jobs of slurmctld (`/slurm/…`, "Invalid job id" is no job) or slurmdbd (`/slurmdb/…`,
  // "Nothing found" is none), with the codec that reads them.
  const rawJobs = async (daemon: 'slurm' | 'slurmdb', pathOf: (c: RestCodec) => string, ctx: CallContext) => {
    const { codec: c } = await codec(ctx.signal);
    const none = daemon === 'slurm' ? NOT_HELD : NOTHING_FOUND;
    const body = await client.send({
      method: 'GET',
      path: pathOf(c),
      user: ctx.user,
      signal: ctx.signal,
      program: daemon === 'slurm' ? 'squeue' : 'sacct',
      accepts: (errors) => errors.every((e) => none.test(`${e.error} ${e.description}`)),
    });
    return { c, raw: (body.jobs ?? []) as Record<string, unknown>[] };
  };
  // `jobs` (slurmctld's whole queue) or `job/<id>` (one job, an array's every task); users are
  // named (see withUsers) only for the jobs `wanted` keeps.
  const liveJobs = async (path: string, ctx: CallContext, wanted = (_: Job) => true): Promise<Job[]> => {
    const { c, raw } = await rawJobs('slurm', (c) => `/slurm/${c.version}/${path}`, ctx);
    return withUsers(raw.flatMap((j) => c.decodeJob(j, cluster())).filter(wanted), ctx);
  };
  const readAccounting = async (filter: AccountingFilter, ctx: CallContext): Promise<Job[]> => {
    const { c, raw } = await rawJobs('slurmdb', (c) => accountingJobsPath(c, filter), ctx);
    if (clusterName === undefined && typeof raw[0]?.cluster === 'string') clusterName = raw[0].cluster;
    return raw.map((j) => c.decodeDbJob(j, cluster()));
  };
  // By id: several tasks of one array asked as the array (one id for a watched 10,000-task
  // array), at most IDS_PER_READ ids a request; callers keep the jobs they asked for. No id
  // slurmdbd could parse: nothing to read (no `step` would read every job).
  const historyJobs = async (filter: AccountingFilter, ctx: CallContext): Promise<Job[]> => {
    if (!filter.jobIds) return readAccounting(filter, ctx);
    const asked = byArray(filter.jobIds.filter(isJobId));
    const batches: string[][] = [];
    for (let i = 0; i < asked.length; i += IDS_PER_READ) batches.push(asked.slice(i, i + IDS_PER_READ));
    const read = (jobIds: string[]) => readAccounting({ ...filter, jobIds }, ctx);
    return (await bounded(LIVE_CONCURRENCY).addAll(batches.map((b) => () => read(b)))).flat();
  };
  // v0.0.36 leaves `user_name` empty in slurmctld's jobs: accounting names the user, one read
  // for all of them.
  const withUsers = async (jobs: Job[], ctx: CallContext): Promise<Job[]> => {
    const nameless = jobs.filter((j) => j.user === '').map((j) => j.arrayJobId ?? j.id);
    if (nameless.length === 0) return jobs;
    const users = new Map<string, string>();
    for (const db of await historyJobs({ jobIds: nameless }, ctx)) users.set(db.arrayJobId ?? db.id, db.user);
    return jobs.map((j) =>
      j.user !== '' ? j : { ...j, user: users.get(j.arrayJobId ?? j.id) ?? ctx.user ?? '' },
    );
  };
  // Live jobs by id: one `job/<id>` per job (an array's tasks come with it), a few at a time, or
  // for many jobs slurmctld's whole queue at once (see PER_JOB_READS).
  const liveByIds = async (ids: readonly string[], ctx: CallContext): Promise<Job[]> => {
    const heads = [...new Set(ids.map((id) => id.split('_')[0]!))];
    if (heads.length === 0) return [];
    if (heads.length > PER_JOB_READS) return liveJobs('jobs', ctx, matcher(ids));
    return (
      await bounded(LIVE_CONCURRENCY).addAll(heads.map((head) => () => liveJobs(`job/${head}`, ctx)))
    ).flat();
  };

  /**
   * Jobs by id, as the CLI adapter reads them: for a few ids slurmctld first, then one accounting
   * read of those it no longer holds; for many, one accounting read first and slurmctld only for
   * those accounting does not show ended. Accounting is read by id (`step`), never a window of
   * everyone's jobs.
   */
  const jobsByIds = async (ids: readonly string[], ctx: CallContext, base: AccountingFilter = {}) => {
    const asked = ids.filter(isJobId);
    const matches = matcher(asked);
    let history: Job[] | undefined;
    let queueAsked = asked;
    if (asked.length > ACCOUNTING_FIRST_IDS) {
      history = await historyJobs({ ...base, jobIds: asked }, ctx);
      const final = finalIds(
        history.map((job) => ({ job, settled: true })),
        asked,
      );
      queueAsked = asked.filter((id) => !final.has(id));
    }
    const live = (await liveByIds(queueAsked, ctx)).filter(matcher(queueAsked));
    const exact = new Set(live.map((j) => j.id));
    const arrays = new Set(live.flatMap((j) => (j.arrayJobId ? [j.arrayJobId] : [])));
    // An array's ended tasks leave slurmctld while others still wait: accounting has them.
    const missing = queueAsked.filter((id) => !exact.has(id) || arrays.has(id));
    history ??= missing.length > 0 ? await historyJobs({ ...base, jobIds: missing }, ctx) : [];
    return [...live, ...history.filter((h) => matches(h) && !exact.has(h.id))];
  };

  const get = async (id: string, ctx: CallContext): Promise<Job> => {
    const found = await jobsByIds([id], ctx);
    const exact =
      found.find((j) => j.id === id && j.arrayTaskId === undefined) ?? found.find((j) => j.id === id);
    if (exact) return withUserComment(exact);
    if (found.length > 0) return withUserComment(aggregateArrayJob(id, found.sort(bySubmitThenId)));
    throw fail.notFound({ details: { kind: 'job', id } });
  };

  const list = async (query: JobQuery, ctx: CallContext) => {
    const base: AccountingFilter = {
      users: query.users,
      accounts: query.accounts,
      partitions: query.partitions,
      names: query.name === undefined ? undefined : namesOf([{ key: '', name: query.name }]),
    };
    let found: Job[];
    if (query.jobIds?.length) found = await jobsByIds(query.jobIds, ctx, base);
    else {
      // slurmctld's `/jobs` filters by nothing but `update_time` in any version: the whole queue
      // is read (bounded by MinJobAge: it holds live jobs and those ended moments ago). Only live
      // states asked for: slurmctld alone answers, as squeue alone does for the CLI.
      const [live, history] = await Promise.all([
        liveJobs('jobs', ctx, (j) => keep(j, { ...query, users: undefined })),
        needsHistory(query)
          ? historyJobs({ ...base, since: windowStart(query, opts.historyWindow) }, ctx)
          : [],
      ]);
      const byId = new Map<string, Job>();
      for (const h of history) byId.set(h.id, h);
      // slurmctld is fresher for everything it still holds.
      for (const l of live) byId.set(l.id, l);
      found = [...byId.values()];
    }
    // Every filter again: those a version could not push to slurmrestd are applied here.
    const jobs = found.filter((j) => keep(j, query)).sort(bySubmitThenId);
    const page = jobs.slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit);
    return { jobs: page.map((j) => project(j, query.fields)), total: jobs.length };
  };

  const render = (spec: JobSpec, ctx: CallContext, key?: string) => {
    const user = ctx.user;
    const dir = spec.workingDirectory ?? '.';
    const home = user === undefined ? undefined : homeOf(user);
    const workingDirectory = dir.startsWith('/')
      ? dir
      : home === undefined
        ? undefined
        : dir === '.'
          ? home
          : `${home.replace(/\/$/, '')}/${dir}`;
    if (workingDirectory === undefined) {
      throw fail.validation({
        details: {
          ...validationSubject('job_spec'),
          issues: [restRules.validationIssue(['workingDirectory'], 'absolute_working_directory')],
        },
      });
    }
    const comment =
      key === undefined
        ? spec.comment
        : commentWithToken(key, spec.comment, { stdout: spec.stdout, stderr: spec.stderr });
    const options = sbatchCommandLine(spec, { workingDirectory, comment });
    return { options, workingDirectory, script: renderBatchScript(spec, opts.shell) };
  };

  const submit = async (spec: JobSpec, ctx: SubmitContext) => {
    const { codec: c } = await codec(ctx.signal);
    const fresh = ctx.idempotencyKey === undefined || ctx.freshKey === true;
    const key = ctx.idempotencyKey ?? randomUUID();
    const { options, workingDirectory, script } = render(spec, ctx, key);
    const refused = [...options.keys()].filter((o) => !REST_OPTIONS.has(o) || c.unsupportedOptions.has(o));
    const path = `/slurm/${c.version}/job/submit`;
    const command = ['slurmrestd', 'POST', path];
    if (refused.length > 0) {
      throw fail.unsupported({
        details: {
          capability: `sbatch option --${refused.join(', --')} over slurmrestd ${c.version}`,
          operation: 'jobs.submit',
        },
      });
    }
    if (spec.createWorkingDirectory) {
      // slurmrestd runs no commands on the cluster's file system: the directory must exist.
      throw fail.unsupported({
        details: {
          capability: `createWorkingDirectory over slurmrestd ${c.version}`,
          operation: 'jobs.submit',
        },
      });
    }
    if (!fresh) {
      const earlier = await findByToken({ key, name: spec.name }, ctx);
      if (earlier) return { script, command, job: withUserComment(earlier) };
    }
    attempts.sent(key);
    const environment = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: homeOf(ctx.user ?? 'root') };
    const body = await client
      .send({
        method: 'POST',
        path,
        user: ctx.user,
        body: c.encodeSubmit({ script, options, environment }),
        signal: ctx.signal,
        program: 'sbatch',
        // A held job is submitted with ESLURM_JOB_HELD (2042) beside its id, as sbatch takes it.
        accepts: (errors) => errors.every((e) => HELD.test(`${e.error} ${e.description}`)),
      })
      .catch(async (err: unknown) => {
        throw await withValidNames(err, spec, ctx);
      });
    const id = String(body.job_id ?? '');
    if (!/^\d+$/.test(id)) {
      throw fail.parse({
        details: { raw: JSON.stringify(body).slice(0, 500), what: 'slurmrestd submit answer', command },
      });
    }
    const job = submittedJob(spec, {
      id,
      cluster: cluster(),
      user: ctx.user ?? '',
      workingDirectory,
      at: new Date(),
    });
    return { script, command, job };
  };

  // A wrong partition, QoS or account is refused with the names that would have been accepted:
  // read on this error path only, so a submission that succeeds costs one request.
  const withValidNames = async (err: unknown, spec: JobSpec, ctx: CallContext): Promise<unknown> => {
    if (!isHpckitError(err, 'POLICY_VIOLATION')) return err;
    if (err.details.reason === 'other') return overQosWall(err, spec, ctx);
    const field = NAMED_BY[err.details.reason];
    if (!field) return err;
    try {
      const { codec: c } = await codec(ctx.signal);
      let allowed: string[];
      if (field === 'partition') {
        const body = await client.send({
          method: 'GET',
          path: `/slurm/${c.version}/partitions`,
          user: ctx.user,
          signal: ctx.signal,
          program: 'scontrol',
        });
        allowed = ((body.partitions ?? []) as { name?: string }[]).flatMap((p) => (p.name ? [p.name] : []));
      } else {
        const body = await client.send({
          method: 'GET',
          path: `/slurmdb/${c.version}/associations`,
          user: ctx.user,
          signal: ctx.signal,
          program: 'sacctmgr',
        });
        const user = ctx.user ?? (opts.auth.actsForUsers ? undefined : '');
        const mine = (
          (body.associations ?? []) as { account?: string; user?: string | null; qos?: string[] }[]
        ).filter((a) => a.user && (user === undefined || user === '' || a.user === user));
        allowed =
          field === 'account'
            ? mine.flatMap((a) => (a.account ? [a.account] : []))
            : mine
                .filter((a) => spec.account === undefined || a.account === spec.account)
                .flatMap((a) => a.qos ?? []);
      }
      return withAllowed(err, spec[field], allowed);
    } catch {
      // The refusal itself is the answer; failing to read the valid names must not hide it.
      return err;
    }
  };

  // slurmrestd (22.05) drops the limit code sbatch prints ("QOSMaxWallDurationPerJobLimit") and
  // says only "Job violates accounting/QOS policy": a time limit over the named QoS's MaxWall is
  // that refusal's reason, read from the QoS on this error path.
  const overQosWall = async (err: PolicyError, spec: JobSpec, ctx: CallContext): Promise<unknown> => {
    const limit = spec.timeLimit;
    if (limit === undefined || err.details.nativeReason !== undefined) return err;
    try {
      const { codec: c } = await codec(ctx.signal);
      const config = await clusterConfig(ctx);
      let candidates = spec.qos === undefined ? [] : [spec.qos];
      if (candidates.length === 0) {
        // No QoS named: the association's default QoS is the one the limit was checked against.
        const body = await client.send({
          method: 'GET',
          path: `/slurmdb/${c.version}/associations`,
          user: ctx.user,
          signal: ctx.signal,
          program: 'sacctmgr',
        });
        const rows = (body.associations ?? []) as {
          account?: string;
          user?: string | null;
          default?: { qos?: string | null };
        }[];
        candidates = rows
          .filter((a) => a.user && (ctx.user === undefined || a.user === ctx.user))
          .filter((a) => spec.account === undefined || a.account === spec.account)
          .flatMap((a) => (a.default?.qos ? [a.default.qos] : []));
      }
      const walls = candidates.map((name) => config.qos.find((q) => q.name === name)?.maxWallSeconds);
      if (walls.length === 0 || walls.some((w) => w === undefined || limit <= w)) return err;
      const wall = Math.max(...(walls as number[]));
      return fail.policy({
        details: {
          ...err.details,
          reason: 'time_limit_exceeds_qos',
          subject: candidates[0],
          limit: wall,
          requested: limit,
          unit: 'seconds',
        },
        cause: err.cause,
      });
    } catch {
      return err;
    }
  };

  /**
   * The acting user's job carrying this key: slurmctld's queue (which filters by nothing), then
   * accounting from the key's first attempt here on (a day for a key this process never sent),
   * of the user (v0.0.39 on) and the job's name when it has one Slurm matches exactly.
   */
  const findByToken = async (wanted: WantedToken, ctx: CallContext): Promise<Job | undefined> => {
    const mine = (j: Job) =>
      tokenOf(j.comment) === wanted.key && (ctx.user === undefined || j.user === ctx.user);
    const live = (await liveJobs('jobs', ctx, (j) => tokenOf(j.comment) === wanted.key)).find(mine);
    if (live) return live;
    const filter: AccountingFilter = {
      users: ctx.user === undefined ? undefined : [ctx.user],
      names: namesOf([wanted]),
      since: attempts.since([wanted.key]),
    };
    return (await historyJobs(filter, ctx)).find(mine);
  };

  const cancel = async (id: string, ctx: CallContext) => {
    const job = await get(id, ctx);
    if (job.state.phase === 'ended') return { status: 'already_ended' as const };
    const { codec: c } = await codec(ctx.signal);
    await client.send({
      method: 'DELETE',
      path: `/slurm/${c.version}/job/${id}`,
      user: ctx.user,
      signal: ctx.signal,
      program: 'scancel',
      subject: { kind: 'job', id },
      // A job that ended between the read and the cancel.
      accepts: (errors) =>
        errors.every((e) => /already completing or completed/i.test(`${e.error} ${e.description}`)),
    });
    return { status: 'cancelled' as const };
  };

  // A job update: slurmctld answers "Invalid job id specified" for an unknown job and "Access/
  // permission denied" for another user's or a raise it refuses, mapped as scontrol's words are.
  const update = async (id: string, change: RestJobUpdate, ctx: CallContext): Promise<void> => {
    const { codec: c } = await codec(ctx.signal);
    await client.send({
      method: 'POST',
      path: `/slurm/${c.version}/job/${id}`,
      user: ctx.user,
      body: c.encodeUpdate(change),
      signal: ctx.signal,
      program: 'scontrol',
      subject: { kind: 'job', id },
    });
  };

  // REST takes an absolute limit only (no scontrol `+N`): a shift is applied to the limit read
  // just before, in whole minutes rounded away from zero as the CLI transports do.
  const updateTimeLimit = async (id: string, change: TimeLimitChange, ctx: CallContext) => {
    let minutes: number;
    if ('set' in change) minutes = Math.ceil(change.set / 60);
    else {
      const current = (await get(id, ctx)).timeLimitSeconds;
      if (current === undefined) {
        throw fail.unsupported({
          details: {
            capability: 'shifting an unlimited time limit over slurmrestd',
            operation: 'jobs.updateTimeLimit',
          },
        });
      }
      const shift = Math.sign(change.delta) * Math.ceil(Math.abs(change.delta) / 60);
      minutes = Math.ceil(current / 60) + shift;
    }
    await update(id, { timeLimitMinutes: minutes }, ctx);
    return { timeLimitSeconds: (await get(id, ctx)).timeLimitSeconds ?? 0 };
  };

  const clusterConfig = async (ctx: CallContext) => {
    const { codec: c } = await codec(ctx.signal);
    const read = (path: string, program: string) =>
      client.send({ method: 'GET', path, user: ctx.user, signal: ctx.signal, program });
    const [partitions, nodes, qos] = await Promise.all([
      read(`/slurm/${c.version}/partitions`, 'scontrol'),
      read(`/slurm/${c.version}/nodes`, 'scontrol'),
      read(`/slurmdb/${c.version}/qos`, 'sacctmgr'),
    ]);
    const list = (body: RestEnvelope, key: string) => (body[key] ?? []) as Record<string, unknown>[];
    // 22.05's slurmdbd plugins name the list "QOS", later ones "qos".
    const qosList = list(qos, 'qos').length > 0 ? list(qos, 'qos') : list(qos, 'QOS');
    return decodeClusterConfig(cluster(), list(partitions, 'partitions'), list(nodes, 'nodes'), qosList);
  };

  return defineSchedulerAdapter({
    name: 'slurm',
    capabilities: {
      'jobs.arrays': true,
      'jobs.dependencies': true,
      'accounting.history': can('history'),
      'jobs.hold': can('hold'),
      'jobs.updateTimeLimit': can('timeLimit'),
      actAsUser: opts.auth.actsForUsers,
    },
    jobs: {
      submit,
      get,
      list,
      cancel,
      hold: (id, ctx) => update(id, { hold: true }, ctx),
      release: (id, ctx) => update(id, { hold: false }, ctx),
      updateTimeLimit,
    },
    accounts: {},
    users: {},
    config: { cluster: clusterConfig },
    version: async (ctx) => ({
      scheduler: 'slurm',
      version: (await codec(ctx.signal)).release,
      adapter: ADAPTER_VERSION,
    }),
  });
}

function windowStart(q: JobQuery, historySeconds: number): Date {
  const from = [q.submitTime?.from, q.endTime?.from].filter((d): d is Date => d !== undefined);
  if (from.length > 0) return new Date(Math.min(...from.map((d) => d.getTime())));
  return new Date(Date.now() - historySeconds * 1000);
}
