import { describe, expect, it } from 'vitest';
import { changesInFlight } from './changes-in-flight.js';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('changes in flight', () => {
  it('holders of one member take turns in order; other members are not held', async () => {
    const inFlight = changesInFlight();
    const order: string[] = [];
    const first = await inFlight.hold('chem', 'bob');
    const second = inFlight.hold('chem', 'bob').then((release) => {
      order.push('second');
      return release;
    });
    const third = inFlight.hold('chem', 'bob').then((release) => {
      order.push('third');
      release();
    });
    const other = inFlight.tryHold('chem', 'carol');
    expect(other).toBeTypeOf('function');
    other!();
    await settle();
    expect(order).toEqual([]);
    first();
    first(); // a second release changes nothing
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
    expect(inFlight.tryHold('chem', 'bob')).toBeTypeOf('function');
  });

  it('tryHold refuses while anyone holds or waits, and whenFree resolves once nobody does', async () => {
    const inFlight = changesInFlight();
    const release = inFlight.tryHold('chem', 'bob')!;
    const waiting = inFlight.hold('chem', 'bob');
    let free = false;
    const freed = inFlight.whenFree('chem', 'bob').then(() => {
      free = true;
    });
    expect(inFlight.tryHold('chem', 'bob')).toBeUndefined();
    release();
    const next = await waiting;
    expect(inFlight.tryHold('chem', 'bob')).toBeUndefined();
    await settle();
    expect(free).toBe(false);
    next();
    await freed;
    expect(free).toBe(true);
    await inFlight.whenFree('chem', 'nobody');
  });
});
