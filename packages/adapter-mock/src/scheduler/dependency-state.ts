import type { ArrayGroup, DependencyState, DependencyTerm, SimJob } from '../jobs/sim-job.js';

type Verdict = 'satisfied' | 'waiting' | 'never';

/**
 * Whether a job's dependencies (all of them: Slurm's `,`) let it run, with Slurm's meaning of each
 * type: `after` once every target has started (or was cancelled before starting), `afterany` once
 * all ended, `afterok` once all completed (never if one did not), `afternotok` once all ended and
 * at least one did not complete (never if all completed). A whole array counts as ended when all
 * its tasks have.
 */
export function evaluateDependencies(terms: readonly DependencyTerm[]): DependencyState {
  let waiting = false;
  for (const term of terms) {
    for (const target of term.targets) {
      const verdict = target.kind === 'array' ? ofArray(term.type, target) : ofJob(term.type, target);
      if (verdict === 'never') return 'never';
      if (verdict === 'waiting') waiting = true;
    }
  }
  return waiting ? 'waiting' : 'none';
}

function ofJob(type: DependencyTerm['type'], job: SimJob): Verdict {
  if (type === 'after') return job.phase === 'pending' ? 'waiting' : 'satisfied';
  if (job.phase !== 'ended') return 'waiting';
  if (type === 'afterany') return 'satisfied';
  const ok = job.outcome === 'completed';
  return (type === 'afterok') === ok ? 'satisfied' : 'never';
}

function ofArray(type: DependencyTerm['type'], group: ArrayGroup): Verdict {
  const total = group.tasks.length;
  if (type === 'after') return group.notStarted === 0 ? 'satisfied' : 'waiting';
  if (group.ended < total) return 'waiting';
  if (type === 'afterany') return 'satisfied';
  const allOk = group.completed === total;
  return (type === 'afterok') === allOk ? 'satisfied' : 'never';
}
