import { expect } from 'vitest';
import { formatError } from '../../errors/format.js';
import { JobSchema } from '../../model/job.js';
import { CLUSTER_KEY } from '../context.js';
import { defineSuite } from '../define-suite.js';

export const jobsSubmit = defineSuite('jobs-submit', [
  {
    title: 'jobs-submit: returns the job and the exact script it generated',
    async run(ctx) {
      const name = ctx.unique('sub');
      const result = await ctx
        .runtime()
        .jobs.submit(ctx.spec({ name, command: 'echo conformance-marker' }), { user: ctx.actor() });
      const job = JobSchema.parse(result.job);
      expect(job.id).not.toBe('');
      expect(job.name).toBe(name);
      expect(job.account).toBe(ctx.fixtures.accounts.primary);
      expect(job.partition).toBe(ctx.fixtures.partitions.cpu);
      if (ctx.actor()) expect(job.user).toBe(ctx.actor());
      expect(job.requested.cores).toBe(1);
      expect(['queued', 'held', 'running', 'completing', 'ended']).toContain(job.state.phase);
      expect(result.script).toContain('echo conformance-marker');
      expect(result.command.length).toBeGreaterThan(0);
    },
  },
  {
    title: "jobs-submit: every job returned carries the client's cluster key, which a later call takes back",
    async run(ctx) {
      const name = ctx.unique('key');
      const submitted = await ctx.submit({ name });
      expect(submitted.cluster).toBe(CLUSTER_KEY);
      const got = await ctx.runtime().jobs.get(submitted.id, { user: ctx.actor() });
      expect(got.cluster).toBe(CLUSTER_KEY);
      const page = await ctx.runtime().jobs.list({ jobIds: [submitted.id] }, { user: ctx.actor() });
      expect(page.jobs.map((j) => [j.id, j.cluster])).toEqual([[submitted.id, CLUSTER_KEY]]);
    },
  },
  {
    title: 'jobs-submit: render is a dry run that returns the script and command',
    needs: ['jobs.render'],
    async run(ctx) {
      const name = ctx.unique('render');
      const rendered = await ctx
        .runtime()
        .jobs.render(ctx.spec({ name, command: 'echo dry-run' }), { user: ctx.actor() });
      expect(rendered.script).toContain('echo dry-run');
      expect(rendered.command.length).toBeGreaterThan(0);
      const page = await ctx.runtime().jobs.list({ name }, { user: ctx.actor() });
      expect(page.jobs).toHaveLength(0);
    },
  },
  {
    title: 'jobs-submit: the same idempotency key returns the same job',
    async run(ctx) {
      const key = ctx.unique('key');
      const spec = ctx.spec({ hold: false });
      const first = await ctx.runtime().jobs.submit(spec, { user: ctx.actor(), idempotencyKey: key });
      const second = await ctx.runtime().jobs.submit(spec, { user: ctx.actor(), idempotencyKey: key });
      expect(second.job.id).toBe(first.job.id);
    },
  },
  {
    title: 'jobs-submit: refuses invalid input before the scheduler sees it',
    async run(ctx) {
      const err = await ctx.rejects(
        ctx
          .runtime()
          .jobs.submit({ ...ctx.spec(), memory: { perNode: '4' } as never }, { user: ctx.actor() }),
        'VALIDATION',
      );
      expect(err.details.issues.some((i) => i.path.join('.') === 'memory.perNode')).toBe(true);
    },
  },
  {
    title: 'jobs-submit: refuses an unknown partition with reason invalid_partition',
    async run(ctx) {
      const err = await ctx.rejects(ctx.submit({ partition: 'nosuchpartition' }), 'POLICY_VIOLATION');
      expect(err.details.reason).toBe('invalid_partition');
    },
  },
  {
    title: 'jobs-submit: a wrong partition, QoS or account names the valid ones, in English and Chinese',
    async run(ctx) {
      const { partitions, qos, accounts } = ctx.fixtures;
      const wrong = [
        [{ partition: 'nosuchpartition' }, 'invalid_partition', partitions.cpu],
        [{ qos: 'nosuchqos' }, 'invalid_qos', qos.normal],
        [{ account: 'nosuchaccount' }, 'invalid_account', accounts.primary],
      ] as const;
      for (const [field, reason, valid] of wrong) {
        const err = await ctx.rejects(ctx.submit(field), 'POLICY_VIOLATION');
        expect(err.details.reason).toBe(reason);
        expect(err.details.allowed, reason).toContain(valid);
        expect(err.details.allowed, reason).not.toContain(Object.values(field)[0]);
        // The message names them in every language, whether it quotes the scheduler or not.
        expect(err.message).toContain(`"${valid}"`);
        expect(formatError(err, { locale: 'zh-CN' })).toContain(`“${valid}”`);
      }
    },
  },
  {
    title: 'jobs-submit: refuses an account the user is not a member of with reason invalid_account',
    needs: ['actAsUser'],
    async run(ctx) {
      const err = await ctx.rejects(
        ctx.submit({ account: ctx.fixtures.accounts.primary }, ctx.fixtures.users.outsider),
        'POLICY_VIOLATION',
      );
      expect(err.details.reason).toBe('invalid_account');
    },
  },
  {
    title: 'jobs-submit: refuses an unknown account with reason invalid_account',
    async run(ctx) {
      const err = await ctx.rejects(ctx.submit({ account: 'nosuchaccount' }), 'POLICY_VIOLATION');
      expect(err.details.reason).toBe('invalid_account');
    },
  },
  {
    title: 'jobs-submit: refuses a time limit over the QoS maximum with reason time_limit_exceeds_qos',
    async run(ctx) {
      const config = await ctx.runtime().config.cluster({ user: ctx.actor() });
      const qos = config.qos.find((q) => q.name === ctx.fixtures.qos.normal);
      expect(
        qos?.maxWallSeconds,
        `QoS ${ctx.fixtures.qos.normal} must have a maximum wall time`,
      ).toBeDefined();
      const err = await ctx.rejects(
        ctx.submit({ timeLimit: { seconds: qos!.maxWallSeconds! + 3_600 } }),
        'POLICY_VIOLATION',
      );
      expect(err.details.reason).toBe('time_limit_exceeds_qos');
    },
  },
]);
