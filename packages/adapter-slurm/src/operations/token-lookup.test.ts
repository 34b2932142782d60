import { describe, expect, it } from 'vitest';
import { keyAttempts, namesOf } from './token-lookup.js';

describe('namesOf', () => {
  it('filters by every name of a batch, once each', () => {
    expect(
      namesOf([
        { key: 'a', name: 'x' },
        { key: 'b', name: 'y' },
        { key: 'c', name: 'x' },
      ]),
    ).toEqual(['x', 'y']);
  });

  it('does not filter when a job has no name (Slurm names it) or a comma in it (a list separator)', () => {
    expect(namesOf([{ key: 'a', name: 'x' }, { key: 'b' }])).toBeUndefined();
    expect(namesOf([{ key: 'a', name: 'x,y' }])).toBeUndefined();
    for (const name of ['', ' x', 'x ', 'a\nb', 'tab\there', 'ü'])
      expect(namesOf([{ key: 'a', name }])).toBeUndefined();
    expect(namesOf([{ key: 'a', name: 'drill-ssh-1 run #2' }])).toEqual(['drill-ssh-1 run #2']);
  });
});

describe('keyAttempts', () => {
  const now = 1_000_000_000_000;
  const day = 86_400_000;
  const margin = 15 * 60_000;

  it('reads from the earliest first attempt of the keys, less a margin; the first attempt counts', () => {
    const attempts = keyAttempts();
    attempts.sent('a', now - 5000);
    attempts.sent('b', now - 2000);
    attempts.sent('a', now - 1000);
    expect(attempts.since(['a', 'b'], now).getTime()).toBe(now - 5000 - margin);
    expect(attempts.since(['b'], now).getTime()).toBe(now - 2000 - margin);
  });

  it('reads a day when one key was never sent here (another process may have sent it)', () => {
    const attempts = keyAttempts();
    attempts.sent('a', now - 5000);
    expect(attempts.since(['a', 'z'], now).getTime()).toBe(now - day);
  });

  it('forgets the oldest keys past its limit, which then get the day again', () => {
    const attempts = keyAttempts(2);
    for (const [i, key] of ['a', 'b', 'c'].entries()) attempts.sent(key, now - 3000 + i);
    expect(attempts.since(['a'], now).getTime()).toBe(now - day);
    expect(attempts.since(['b', 'c'], now).getTime()).toBe(now - 2999 - margin);
  });
});
