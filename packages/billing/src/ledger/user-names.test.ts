import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../stores/memory/memory-store.js';
import { ledgerHarness, ROOT } from '../testing/ledger-harness.js';

async function validationPath(p: Promise<unknown>): Promise<(string | number)[] | undefined> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isHpckitError(err, 'VALIDATION') ? err.details.issues[0]?.path : undefined;
}

// Members become users of the clusters' accounts (the reconciler adds them with sacctmgr), so
// their names, the owner's and the actor's are login names: "2001" would be a uid to id and squeue.
describe('user names in the ledger', () => {
  it.each(['0', '2001', 'a'.repeat(33)])('refuses %j as a member, an owner and an actor', async (user) => {
    const { ledger } = ledgerHarness(createMemoryStore());
    await ledger.createAccount(ROOT, { name: 'chem', type: 'internal', owner: 'alice' });
    expect(await validationPath(ledger.addMember(ROOT, 'chem', { user }))).toEqual(['input', 'user']);
    expect(
      await validationPath(ledger.createAccount(ROOT, { name: 'bio', type: 'internal', owner: user })),
    ).toEqual(['input', 'owner']);
    expect(await validationPath(ledger.getAccount({ user, roles: ['platform-admin'] }, 'chem'))).toEqual([
      'actor',
      'user',
    ]);
  });
});
