/** How virtual time moves: only when told (`manual`), or with real time, sped up (`scaled`). */
export type ClockMode = 'manual' | 'scaled';

/** Settings of {@link createVirtualClock}. */
export interface VirtualClockInit {
  mode: ClockMode;
  /** Virtual time at creation, in ms since the epoch. */
  startMs: number;
  /** Virtual ms per real ms in `scaled` mode. */
  scale: number;
  /** Real clock in ms, read in `scaled` mode. */
  realTime: () => number;
}

/**
 * Virtual time in ms. It never goes backwards: in `scaled` mode it is
 * `start + jumps + real elapsed × scale`; in `manual` mode it is `start + jumps`.
 */
export interface VirtualClock {
  readonly mode: ClockMode;
  now(): number;
  /** Jumps forward to `ms` (ignored if `ms` is not ahead). */
  jumpTo(ms: number): void;
}

/** Creates a {@link VirtualClock}. */
export function createVirtualClock(init: VirtualClockInit): VirtualClock {
  const realStart = init.realTime();
  let offset = 0;
  const now =
    init.mode === 'manual'
      ? () => init.startMs + offset
      : () => Math.floor(init.startMs + offset + (init.realTime() - realStart) * init.scale);
  return {
    mode: init.mode,
    now,
    jumpTo(ms) {
      const current = now();
      if (ms > current) offset += ms - current;
    },
  };
}
