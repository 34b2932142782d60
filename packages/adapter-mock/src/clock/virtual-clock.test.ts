import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './virtual-clock.js';

describe('virtual clock', () => {
  it('in manual mode stays put until it jumps, and never goes back', () => {
    let real = 0;
    const clock = createVirtualClock({ mode: 'manual', startMs: 1000, scale: 60, realTime: () => real });
    real = 5000;
    expect(clock.now()).toBe(1000);
    clock.jumpTo(4000);
    expect(clock.now()).toBe(4000);
    clock.jumpTo(2000);
    expect(clock.now()).toBe(4000);
  });

  it('in scaled mode runs scale times faster than real time, jumps included', () => {
    let real = 100;
    const clock = createVirtualClock({ mode: 'scaled', startMs: 0, scale: 600, realTime: () => real });
    real = 1100; // one real second
    expect(clock.now()).toBe(600_000);
    clock.jumpTo(3_600_000);
    expect(clock.now()).toBe(3_600_000);
    real = 1200;
    expect(clock.now()).toBe(3_660_000);
  });
});
