import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Job } from '../model/job.js';
import { JOB_OUTCOMES, JOB_PHASES, type JobState } from '../model/job-state.js';
import { progressSnapshot } from './progress-snapshot.js';
import { renderProgressHtml, renderProgressText } from './render-progress.js';

const stateArb: fc.Arbitrary<JobState> = fc.oneof(
  fc
    .constantFrom(...JOB_PHASES.filter((p) => p !== 'ended'))
    .map((phase) => ({ phase, raw: phase.toUpperCase() })),
  fc
    .constantFrom(...JOB_OUTCOMES)
    .map((outcome) => ({ phase: 'ended' as const, outcome, raw: outcome.toUpperCase() })),
);

const jobArb: fc.Arbitrary<Job> = fc
  .record({
    id: fc.integer({ min: 1, max: 1e6 }).map(String),
    name: fc.string({ maxLength: 12 }),
    state: stateArb,
    elapsedSeconds: fc.integer({ min: 0, max: 200_000 }),
    timeLimitSeconds: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  })
  .map((j) => ({
    ...j,
    cluster: 'hpc',
    user: 'alice',
    requested: { nodes: 1, cores: 1, gpus: 0 },
    submitTime: new Date(0),
    nodeList: [],
  }));

describe('progressSnapshot', () => {
  it('counts every job once per phase, and its ETA never passes a running job’s time limit', () => {
    fc.assert(
      fc.property(fc.array(jobArb, { maxLength: 40 }), (jobs) => {
        const s = progressSnapshot(jobs, { elapsedMs: 1234 });
        expect(Object.values(s.phases).reduce((a, b) => a + b, 0)).toBe(jobs.length);
        expect(Object.values(s.outcomes).reduce((a, b) => a + b, 0)).toBe(s.phases.ended);
        for (const [i, row] of s.rows.entries()) {
          const job = jobs[i]!;
          expect(row.id).toBe(job.id);
          if (row.phase === 'ended') expect(row.etaSeconds).toBe(0);
          if (row.etaSeconds !== undefined && row.phase !== 'ended' && job.timeLimitSeconds !== undefined)
            expect(row.etaSeconds).toBeLessThanOrEqual(
              Math.max(0, job.timeLimitSeconds - job.elapsedSeconds),
            );
          if (row.phase === 'queued' || row.phase === 'held') expect(row.etaSeconds).toBeUndefined();
        }
        // An overall ETA exists exactly when every unfinished job has one, and is the largest.
        const open = s.rows.filter((r) => r.phase !== 'ended');
        const known = open.every((r) => r.etaSeconds !== undefined);
        expect(s.etaSeconds !== undefined).toBe(known);
        if (known) expect(s.etaSeconds).toBe(Math.max(0, ...open.map((r) => r.etaSeconds!)));
      }),
    );
  });

  it('renders every row (up to maxRows) and escapes every name in HTML', () => {
    fc.assert(
      fc.property(fc.array(jobArb, { maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (jobs, maxRows) => {
        const s = progressSnapshot(jobs, { elapsedMs: 0 });
        const text = renderProgressText(s, { maxRows });
        const shown = Math.min(jobs.length, maxRows);
        expect(text.split('\n')).toHaveLength(2 + shown + (jobs.length > maxRows ? 1 : 0));
        const html = renderProgressHtml(s, { maxRows });
        expect(html.match(/<tr>/g)).toHaveLength(1 + shown + (jobs.length > maxRows ? 1 : 0));
        for (const job of jobs)
          expect(html.includes(`<td>${job.name}</td>`) && /[<>&"']/.test(job.name)).toBe(false);
      }),
    );
  });

  it('puts unfinished jobs first when not all fit', () => {
    const base = {
      cluster: 'hpc',
      user: 'a',
      requested: { nodes: 1, cores: 1, gpus: 0 },
      submitTime: new Date(0),
      nodeList: [],
      elapsedSeconds: 60,
    };
    const jobs: Job[] = [
      { ...base, id: '1', name: 'done', state: { phase: 'ended', outcome: 'completed', raw: 'COMPLETED' } },
      { ...base, id: '2', name: 'busy', state: { phase: 'running', raw: 'RUNNING' }, timeLimitSeconds: 600 },
    ];
    const text = renderProgressText(progressSnapshot(jobs, { elapsedMs: 0 }), { maxRows: 1 });
    expect(text).toContain('busy');
    expect(text).not.toContain('done ');
    expect(text).toContain('… and 1 more');
    // The one completed job took 60 s; the running one has run 60 s too: it is due about now.
    expect(progressSnapshot(jobs, { elapsedMs: 0 }).rows[1]).toMatchObject({
      etaSeconds: 0,
      etaBasis: 'history',
    });
  });
});
