import { describe, expect, it } from 'vitest';
import { simHarness } from '../../test/support/sim-harness.js';
import { evaluateDependencies } from './dependency-state.js';

const startOf = (job: { startTime: number | undefined }) =>
  job.startTime === undefined ? undefined : job.startTime / 1000;

describe('dependencies', () => {
  it('afterok waits for the target to complete, then starts', () => {
    const h = simHarness();
    const first = h.job({ runtime: 30 });
    const second = h.job({ dependencies: [{ type: 'afterok', targets: [first] }] });
    h.submit(first, second);
    h.at(29);
    expect([second.phase, second.depState]).toEqual(['pending', 'waiting']);
    h.at(31);
    expect(startOf(second)).toBe(30);
  });

  it('afterok on a failed job is never satisfied and the job stays pending', () => {
    const h = simHarness();
    const first = h.job({ runtime: 30, exitCode: 2 });
    const second = h.job({ dependencies: [{ type: 'afterok', targets: [first] }] });
    h.submit(first, second);
    expect(h.sim.runUntilIdle(Number.POSITIVE_INFINITY)).toBe('stuck');
    expect([second.phase, second.depState]).toEqual(['pending', 'never']);
  });

  it('afternotok runs after a failure and never after a success', () => {
    const h = simHarness();
    const bad = h.job({ runtime: 10, outcome: 'node_fail' });
    const good = h.job({ runtime: 10 });
    const onBad = h.job({ dependencies: [{ type: 'afternotok', targets: [bad] }] });
    const onGood = h.job({ dependencies: [{ type: 'afternotok', targets: [good] }] });
    h.submit(bad, good, onBad, onGood);
    h.at(20);
    expect([startOf(onBad), onGood.depState]).toEqual([10, 'never']);
  });

  it('after waits only for the target to start; afterany for any end', () => {
    const h = simHarness({ nodes: 1, cores: 1 });
    const blocker = h.job({ runtime: 50 });
    const target = h.job({ runtime: 100 });
    h.submit(blocker, target);
    h.at(0);
    const afterStart = h.job({ cores: 1, dependencies: [{ type: 'after', targets: [target] }] });
    const afterEnd = h.job({ dependencies: [{ type: 'afterany', targets: [target] }] });
    h.submit(afterStart, afterEnd);
    h.at(49);
    expect(afterStart.depState).toBe('waiting');
    h.at(50);
    expect(afterStart.depState).toBe('none');
    h.at(150);
    expect(afterEnd.depState).toBe('none');
  });

  it('a cancelled pending target satisfies after and afternotok', () => {
    const h = simHarness();
    const target = h.job({ held: true });
    const after = h.job({ dependencies: [{ type: 'after', targets: [target] }] });
    const notOk = h.job({ dependencies: [{ type: 'afternotok', targets: [target] }] });
    h.submit(target, after, notOk);
    h.at(1);
    h.sim.cancel(target, 0);
    h.at(2);
    expect([startOf(after), startOf(notOk)]).toEqual([1, 1]);
  });

  it('a whole array satisfies afterok only when every task completed', () => {
    const h = simHarness({ nodes: 4, cores: 1 });
    const array = h.array(3, undefined, { runtime: 10 });
    array.tasks[2]!.behavior = { runtimeMs: 20_000, exitCode: 0, outcome: 'completed' };
    const dependent = h.job({ dependencies: [{ type: 'afterok', targets: [array] }] });
    h.submit(...array.tasks, dependent);
    h.at(15);
    expect(dependent.depState).toBe('waiting');
    h.at(21);
    expect(startOf(dependent)).toBe(20);
  });

  it('combines several dependencies with AND', () => {
    const h = simHarness();
    const a = h.job({ runtime: 10 });
    const b = h.job({ runtime: 20 });
    expect(evaluateDependencies([])).toBe('none');
    const both = h.job({
      dependencies: [
        { type: 'afterok', targets: [a] },
        { type: 'afterany', targets: [b] },
      ],
    });
    h.submit(a, b, both);
    h.at(15);
    expect(both.depState).toBe('waiting');
    h.at(25);
    expect(startOf(both)).toBe(20);
  });
});

describe('arrays', () => {
  it('runs at most the throttle at once, in index order', () => {
    const h = simHarness({ nodes: 4, cores: 4 });
    const array = h.array(6, 2, { runtime: 10 });
    h.submit(...array.tasks);
    h.at(0);
    expect(array.tasks.map((t) => t.phase)).toEqual([
      'running',
      'running',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(array.tasks[2]!.throttled).toBe(true);
    h.at(10);
    expect(array.tasks.map((t) => startOf(t))).toEqual([0, 0, 10, 10, undefined, undefined]);
    h.at(30);
    expect(array.tasks.every((t) => t.phase === 'ended')).toBe(true);
  });

  it('a held task gives its throttle slot to the next one', () => {
    const h = simHarness({ nodes: 1, cores: 1 });
    const array = h.array(3, 1, { runtime: 10 });
    h.submit(...array.tasks);
    h.at(0);
    // Task 0 runs; tasks 1 and 2 wait for the slot. Holding task 1 lets task 2 go next.
    h.sim.hold(array.tasks[1]!);
    h.at(10);
    expect([array.tasks[1]!.phase, startOf(array.tasks[2]!)]).toEqual(['pending', 10]);
  });
});
