import { JobStateSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mapSlurmState, SLURM_STATES } from './state-map.js';

describe('mapSlurmState', () => {
  it('gives every known Slurm state a valid core state, never completed unless Slurm said so', () => {
    for (const name of Object.keys(SLURM_STATES)) {
      const state = JobStateSchema.parse(mapSlurmState({ state: name, exitCode: '1:0' }));
      if (state.outcome === 'completed') expect(['COMPLETED', 'CD']).toContain(name);
    }
  });

  it('keeps distinct outcomes for each way a job can end', () => {
    expect(mapSlurmState({ state: 'CANCELLED by 2001' })).toMatchObject({
      phase: 'ended',
      outcome: 'cancelled',
      raw: 'CANCELLED by 2001',
    });
    expect(mapSlurmState({ state: 'TIMEOUT' }).outcome).toBe('timeout');
    expect(mapSlurmState({ state: 'OUT_OF_MEMORY' }).outcome).toBe('out_of_memory');
    expect(mapSlurmState({ state: 'NODE_FAIL' }).outcome).toBe('node_fail');
    expect(mapSlurmState({ state: 'PREEMPTED' }).outcome).toBe('preempted');
    expect(mapSlurmState({ state: 'FAILED', exitCode: '0:9' })).toMatchObject({
      outcome: 'failed',
      exitCode: 0,
      signal: 9,
    });
  });

  it('tells held jobs from queued ones by their reason', () => {
    expect(mapSlurmState({ state: 'PENDING', reason: 'JobHeldUser' }).phase).toBe('held');
    expect(mapSlurmState({ state: 'PENDING', reason: 'Dependency' })).toMatchObject({
      phase: 'queued',
      reason: 'Dependency',
    });
    expect(mapSlurmState({ state: 'PENDING', reason: 'None' }).reason).toBeUndefined();
  });

  it('maps an unknown state to ended/unknown, never to an exception or to completed', () => {
    expect(mapSlurmState({ state: 'SOMETHING_NEW' })).toMatchObject({
      phase: 'ended',
      outcome: 'unknown',
      raw: 'SOMETHING_NEW',
    });
  });
});
