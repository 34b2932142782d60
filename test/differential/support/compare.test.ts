import { describe, expect, it } from 'vitest';
import { compareObservations, type Difference } from './compare.js';
import type { Observation } from './observe.js';

const ended = (outcome: string): Observation => ({ phases: ['held', 'ended'], outcomes: [outcome] });
const aspects = (ds: Difference[]) => ds.map((d) => d.aspect);

describe('compareObservations: a cancelled job past MinJobAge', () => {
  it("forgives the mock's accounting form while Slurm has not purged the job yet", () => {
    const diffs = compareObservations(
      ended('-:cancelled:CANCELLED by 2001:0'),
      ended('-:cancelled:CANCELLED:0'),
    );
    expect(diffs).toEqual([]);
  });

  it('forgives nothing else: the other way round, another outcome, another exit code', () => {
    const pairs: [string, string][] = [
      ['-:cancelled:CANCELLED:0', '-:cancelled:CANCELLED by 2001:0'],
      ['-:completed:COMPLETED:0', '-:cancelled:CANCELLED:0'],
      ['-:cancelled:CANCELLED by 2001:1', '-:cancelled:CANCELLED:0'],
    ];
    for (const [mock, slurm] of pairs)
      expect(aspects(compareObservations(ended(mock), ended(slurm)))).toEqual(['outcome']);
  });
});
