/**
 * Compares what the mock and Slurm reported for one case. Each tolerance below is one of the known
 * differences listed in packages/adapter-mock/README.md ("Known differences from Slurm"), and
 * forgives exactly that difference.
 */
import type { Observation } from './observe.js';

/** One thing the two schedulers reported differently. */
export interface Difference {
  aspect: 'acceptance' | 'effective' | 'phases' | 'outcome';
  mock: string;
  slurm: string;
}

/**
 * The phases with the inherent timing differences taken out: Slurm shows COMPLETING for a moment
 * as a job ends (the mock ends it at once), and starts an eligible job within about a second of
 * the scheduling pass (the mock starts it in the same instant), so a `queued` without a telling
 * reason right before `running` is only the look landing in that second. For the same reason a
 * throttled array (`%N`) may be seen waiting on its throttle between two running phases on Slurm,
 * which starts the next task at a later scheduling pass; the mock starts it as a task ends.
 */
function comparablePhases(phases: readonly string[]): string[] {
  const next = (i: number) => phases.slice(i + 1).find((n) => n !== 'completing');
  const kept = phases.filter(
    (p, i) =>
      p !== 'completing' &&
      !(p === 'queued' && next(i) === 'running') &&
      !(p === 'queued:JobArrayTaskLimit' && phases[i - 1] === 'running' && next(i) === 'running'),
  );
  return kept.filter((p, i) => p !== kept[i - 1]);
}

/**
 * The outcomes with the purge timing taken out: a cancelled job leaves the mock's queue exactly
 * `MinJobAge` after it ended, and is then reported as accounting has it (`CANCELLED by <uid>`);
 * Slurm drops it at its next purge pass after `MinJobAge` (a minute apart), so a look in between
 * still shows the queue's plain `CANCELLED` there. Only that pair is made equal, and only when the
 * mock has the accounting form: the mock never keeps a job longer than Slurm.
 */
function comparableOutcomes(mock: readonly string[], slurm: readonly string[]): [string, string] {
  const cancelledBy = /^([^:]*:cancelled:)CANCELLED by \d+(:.*)$/;
  const eased = mock.map((m, i) => {
    const found = cancelledBy.exec(m);
    return found && slurm[i] === `${found[1]}CANCELLED${found[2]}` ? slurm[i] : m;
  });
  return [eased.join(' '), slurm.join(' ')];
}

const text = (v: unknown) => (v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v));

/** The differences between the mock's and Slurm's observation of a case (none: they agree). */
export function compareObservations(mock: Observation, slurm: Observation): Difference[] {
  const out: Difference[] = [];
  const verdict = (o: Observation) =>
    o.refused ? `refused ${o.refused.code}/${o.refused.reason ?? '-'}` : 'accepted';
  if (verdict(mock) !== verdict(slurm)) {
    out.push({
      aspect: 'acceptance',
      mock: `${verdict(mock)} ${mock.refused?.stderr ?? mock.refused?.message ?? ''}`.trim(),
      slurm: `${verdict(slurm)} ${slurm.refused?.stderr ?? slurm.refused?.message ?? ''}`.trim(),
    });
    return out;
  }
  if (mock.refused) return out;
  if (text(mock.effective) !== text(slurm.effective)) {
    out.push({ aspect: 'effective', mock: text(mock.effective), slurm: text(slurm.effective) });
  }
  const [m, s] = [comparablePhases(mock.phases), comparablePhases(slurm.phases)];
  if (m.join(' > ') !== s.join(' > ')) {
    out.push({ aspect: 'phases', mock: mock.phases.join(' > '), slurm: slurm.phases.join(' > ') });
  }
  const [mockOutcomes, slurmOutcomes] = comparableOutcomes(mock.outcomes, slurm.outcomes);
  if (mockOutcomes !== slurmOutcomes) {
    out.push({ aspect: 'outcome', mock: mock.outcomes.join(' '), slurm: slurm.outcomes.join(' ') });
  }
  return out;
}
