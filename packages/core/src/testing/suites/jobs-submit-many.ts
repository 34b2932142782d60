import { expect } from 'vitest';
import type { SubmitOutcome } from '../../adapter/batch-submission.js';
import type { SubmitResult } from '../../adapter/scheduler-adapter.js';
import { JobSchema } from '../../model/job.js';
import type { ConformanceContext } from '../context.js';
import { defineSuite } from '../define-suite.js';

/** The submitted job of an outcome, failing the test with the outcome's error otherwise. */
function submitted(outcome: SubmitOutcome | undefined, what: string): SubmitResult {
  if (outcome?.status === 'submitted') return outcome.result;
  const why =
    outcome?.status === 'failed' ? `${outcome.error.code}: ${outcome.error.message}` : outcome?.status;
  throw new Error(`${what} was not submitted (${why})`);
}

/**
 * A small spec that stays queued: held where the adapter can hold jobs, else simply pending
 * (cancelled at the end either way).
 */
function queued(ctx: ConformanceContext, overrides: Parameters<ConformanceContext['spec']>[0] = {}) {
  return ctx.spec({ hold: ctx.runtime().capabilities['jobs.hold'], ...overrides });
}

/** Cancels what a batch submitted, so a test leaves nothing queued whatever it asserted. */
async function cancelAll(ctx: ConformanceContext, outcomes: readonly SubmitOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if (outcome.status !== 'submitted') continue;
    await ctx
      .runtime()
      .jobs.cancel(outcome.result.job.id, { user: ctx.actor() })
      .catch(() => undefined);
  }
}

export const jobsSubmitMany = defineSuite('jobs-submit-many', [
  {
    title: 'jobs-submit-many: submits every job in order, each with its own script',
    needs: ['jobs.submitMany'],
    async run(ctx) {
      // Enough jobs for an adapter that submits a batch in several lanes (Slurm: 8 and more).
      const names = Array.from({ length: 9 }, () => ctx.unique('many'));
      const outcomes = await ctx.runtime().jobs.submitMany(
        names.map((name) => ({ spec: queued(ctx, { name, command: `echo ${name}` }) })),
        { user: ctx.actor() },
      );
      try {
        expect(outcomes).toHaveLength(names.length);
        const results = outcomes.map((o, i) => submitted(o, `job ${i}`));
        expect(new Set(results.map((r) => r.job.id)).size).toBe(names.length);
        results.forEach((result, i) => {
          const job = JobSchema.parse(result.job);
          expect(job.name).toBe(names[i]);
          if (ctx.runtime().capabilities['jobs.hold']) expect(job.state.phase).toBe('held');
          expect(result.script).toContain(`echo ${names[i]}`);
        });
        // Each job exists on the scheduler under its own name, as a single submit would leave it.
        for (const [i, result] of results.entries()) {
          const read = await ctx.runtime().jobs.get(result.job.id, { user: ctx.actor() });
          expect(read.name).toBe(names[i]);
        }
      } finally {
        await cancelAll(ctx, outcomes);
      }
    },
  },
  {
    title: 'jobs-submit-many: an invalid or refused job fails alone; the others are submitted',
    needs: ['jobs.submitMany'],
    async run(ctx) {
      const outcomes = await ctx
        .runtime()
        .jobs.submitMany(
          [
            { spec: queued(ctx) },
            { spec: { ...ctx.spec(), memory: { perNode: '4' } as never } },
            { spec: queued(ctx, { partition: 'nosuchpartition' }) },
            { spec: queued(ctx) },
          ],
          { user: ctx.actor() },
        );
      try {
        expect(outcomes.map((o) => o.status)).toEqual(['submitted', 'failed', 'failed', 'submitted']);
        const [, invalid, refused] = outcomes;
        expect(invalid?.status === 'failed' && invalid.error.code).toBe('VALIDATION');
        if (invalid?.status === 'failed' && invalid.error.code === 'VALIDATION') {
          const paths = (invalid.error.details as { issues: { path: (string | number)[] }[] }).issues.map(
            (i) => i.path.join('.'),
          );
          expect(paths).toContain('1.spec.memory.perNode');
        }
        expect(refused?.status === 'failed' && refused.error.code).toBe('POLICY_VIOLATION');
        expect(refused?.status === 'failed' && refused.error.details).toMatchObject({
          reason: 'invalid_partition',
        });
      } finally {
        await cancelAll(ctx, outcomes);
      }
    },
  },
  {
    title: 'jobs-submit-many: with stopOnError, the jobs after the first failure are skipped',
    needs: ['jobs.submitMany'],
    async run(ctx) {
      const after = ctx.unique('skipped');
      const outcomes = await ctx
        .runtime()
        .jobs.submitMany(
          [
            { spec: queued(ctx) },
            { spec: queued(ctx, { partition: 'nosuchpartition' }) },
            { spec: queued(ctx, { name: after }) },
          ],
          { user: ctx.actor(), stopOnError: true },
        );
      try {
        expect(outcomes.map((o) => o.status)).toEqual(['submitted', 'failed', 'skipped']);
        const page = await ctx.runtime().jobs.list({ name: after }, { user: ctx.actor() });
        expect(page.jobs).toHaveLength(0);
      } finally {
        await cancelAll(ctx, outcomes);
      }
    },
  },
  {
    title: 'jobs-submit-many: the same keys again return the same jobs, not new ones',
    needs: ['jobs.submitMany'],
    async run(ctx) {
      const keys = [ctx.unique('k'), ctx.unique('k')];
      const items = keys.map((idempotencyKey) => ({ spec: queued(ctx), idempotencyKey }));
      const first = await ctx.runtime().jobs.submitMany(items, { user: ctx.actor() });
      try {
        const again = await ctx.runtime().jobs.submitMany(items, { user: ctx.actor() });
        const ids = (outcomes: SubmitOutcome[]) => outcomes.map((o, i) => submitted(o, `job ${i}`).job.id);
        expect(ids(again)).toEqual(ids(first));
      } finally {
        await cancelAll(ctx, first);
      }
    },
  },
]);
