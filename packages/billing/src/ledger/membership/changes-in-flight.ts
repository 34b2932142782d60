/**
 * The membership changes under way in this process, one key per (account, user): `addMember` and
 * `removeMember` hold theirs from before their first write (cluster or ledger) until after their
 * last, and the reconciler holds one around each write it makes to a member. A holder waits for the
 * one before it, so a change and a reconciler write on the same member never interleave.
 */
export interface ChangesInFlight {
  /** Waits until nobody holds the member, holds it, and resolves to the release function. */
  hold(account: string, user: string): Promise<() => void>;
  /** Holds the member at once if nobody holds it or waits for it; else `undefined` (a change is in flight). */
  tryHold(account: string, user: string): (() => void) | undefined;
  /** Resolves once nobody holds the member or waits for it. */
  whenFree(account: string, user: string): Promise<void>;
}

/** Builds an empty set of changes in flight. */
export function changesInFlight(): ChangesInFlight {
  // The last holder or waiter of each key: its promise settles when it releases.
  const tails = new Map<string, Promise<void>>();
  const keyOf = (account: string, user: string) => `${account}\u0000${user}`;

  function enqueue(key: string): { before: Promise<void>; release: () => void } {
    const before = tails.get(key) ?? Promise.resolve();
    let settle!: () => void;
    const mine = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const tail = before.then(() => mine);
    tails.set(key, tail);
    let released = false;
    return {
      before,
      release() {
        if (released) return;
        released = true;
        settle();
        if (tails.get(key) === tail) tails.delete(key);
      },
    };
  }

  return {
    async hold(account, user) {
      const { before, release } = enqueue(keyOf(account, user));
      await before;
      return release;
    },
    tryHold(account, user) {
      const key = keyOf(account, user);
      return tails.has(key) ? undefined : enqueue(key).release;
    },
    async whenFree(account, user) {
      for (let tail = tails.get(keyOf(account, user)); tail; tail = tails.get(keyOf(account, user))) {
        await tail;
      }
    },
  };
}
