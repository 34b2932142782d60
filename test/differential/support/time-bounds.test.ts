import { describe, expect, it } from 'vitest';
import type { DiffCase } from './cases.js';
import { caseBoundMs, latencyMeter } from './time-bounds.js';

const waits = { releaseAfterMs: 1500, cancelAfterMs: 8000, lookMs: 500 };
const job = (spec: DiffCase['spec'], extra: Partial<DiffCase> = {}): DiffCase => ({
  title: 't',
  user: 'alice',
  spec,
  ...extra,
});

describe('caseBoundMs', () => {
  it("is the job's own sleep plus two latencies and a look per step, and a final look", () => {
    expect(caseBoundMs(job({ command: 'sleep 2' }), 1000, waits)).toBe(2000 + 2 * 1000 + 500 + 500);
    expect(caseBoundMs(job({ command: 'sleep 2' }), 7000, waits)).toBe(2000 + 2 * 7000 + 500 + 500);
  });

  it('counts a throttled array wave by wave, a parent before its child, scripts like commands', () => {
    const one = caseBoundMs(job({ command: 'sleep 1' }), 1000, waits) - 500;
    expect(caseBoundMs(job({ command: 'sleep 1', array: '0-3%2' }), 1000, waits)).toBe(2 * one + 500);
    expect(caseBoundMs(job({ command: 'sleep 1', array: '0-6:2' }), 1000, waits)).toBe(one + 500);
    const parent = { command: 'sleep 3\nexit 1', type: 'afterok' } as const;
    expect(caseBoundMs(job({ command: 'sleep 1' }, { parent }), 1000, waits)).toBe(
      8000 + (3000 + 2000 + 500) + one + 500,
    );
    expect(caseBoundMs(job({ script: '#!/bin/bash\nsleep 1\n' }), 1000, waits)).toBe(one + 500);
  });

  it('waits for the release of a job to be released, for the cancel of one held for good', () => {
    const plain = caseBoundMs(job({ command: 'sleep 1' }), 1000, waits);
    expect(caseBoundMs(job({ command: 'sleep 1', hold: true }, { release: true }), 1000, waits)).toBe(
      plain + 1500,
    );
    expect(caseBoundMs(job({ command: 'sleep 1', hold: true }), 1000, waits)).toBe(plain + 8000);
    expect(caseBoundMs(job({ script: '#!/bin/bash\n#SBATCH -H -t 5\nsleep 1\n' }), 1000, waits)).toBe(
      plain + 8000,
    );
  });
});

describe('latencyMeter', () => {
  it('is the slowest answer until a job is measured, then the longest start or end latency', () => {
    const meter = latencyMeter();
    expect(meter.current()).toBe(0);
    meter.answered(300);
    expect(meter.current()).toBe(300);
    // Started in the second after submission + 2.2 s: counted up to the end of that second.
    meter.started(10_000, new Date(12_000));
    expect(meter.current()).toBe(3000);
    meter.ended(new Date(20_000), 24_500);
    meter.started(30_000, new Date(30_000));
    expect(meter.current()).toBe(4500);
    expect(meter.samples()).toBe(3);
  });
});
