import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { isHpckitError } from '../errors/hpckit-error.js';
import { createClient } from './create-client.js';

const fast = { minIntervalMs: 5, maxIntervalMs: 20, jitter: 0, missingGraceMs: 0 };
const CONCURRENT = 25;

/**
 * Counts the abort listeners live on each AbortSignal, and the most any one signal ever held:
 * Node warns (`MaxListenersExceededWarning`) past ten on one signal.
 */
function countAbortListeners(): { most: () => number } {
  const live = new Map<EventTarget, number>();
  let most = 0;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
    this: EventTarget,
    type: string,
    ...rest: unknown[]
  ) {
    if (this instanceof AbortSignal && type === 'abort') {
      const n = (live.get(this) ?? 0) + 1;
      live.set(this, n);
      most = Math.max(most, n);
    }
    return (add as (...a: unknown[]) => void).call(this, type, ...rest);
  });
  vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (
    this: EventTarget,
    type: string,
    ...rest: unknown[]
  ) {
    if (this instanceof AbortSignal && type === 'abort')
      live.set(this, Math.max(0, (live.get(this) ?? 0) - 1));
    return (remove as (...a: unknown[]) => void).call(this, type, ...rest);
  });
  return { most: () => most };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the client's closing signal", () => {
  it('gets no abort listener per concurrent wait or watch, and closing still ends them all', async () => {
    const fake = fakeAdapter();
    const client = createClient({ clusters: { hpc: { adapter: fake } }, polling: fast });
    const alice = client.as('alice');
    const handles = [];
    for (let i = 0; i < CONCURRENT; i++) handles.push(await alice.jobs.submit({ command: 'sleep 1h' }));
    const counter = countAbortListeners();

    const waits = handles.map((h) =>
      h.wait().then(
        () => 'ended',
        (err: unknown) => err,
      ),
    );
    const streams = handles.map(async (h) => {
      try {
        for await (const _ of alice.jobs.watch([h.id])) {
          // Each stream yields the current state, then waits for changes until the client closes.
        }
        return 'ended';
      } catch (err) {
        return err;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.close();

    for (const outcome of [...(await Promise.all(waits)), ...(await Promise.all(streams))]) {
      expect(isHpckitError(outcome, 'UNSUPPORTED') && outcome.details.reason).toBe('client_closed');
    }
    // Each wait and each stream used to add one listener to the shared closing signal: 50 here.
    expect(counter.most()).toBeLessThanOrEqual(2);
  });
});
