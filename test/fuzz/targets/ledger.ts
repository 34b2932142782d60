/**
 * Ledger inputs as an account admin's form sends them: accounts, members, payments, spending
 * limits, manual charges and queries, with hostile names, amounts and dates, on the memory store
 * (the SQL stores run the same rules in the store conformance suite).
 */
import { createLedger, createMemoryStore } from '@hpckit/billing/ledger';
import fc from 'fast-check';
import { fuzzTarget } from '../support/fuzz-target.js';
import { hostileNumber, hostileText, hostileValue, sometimes } from '../support/hostile.js';

const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
const admin = { user: 'admin', roles: ['platform-admin' as const, 'finance' as const] };
await ledger.createAccount(admin, { name: 'acct', type: 'internal', owner: 'alice' });

const amount = fc.oneof(
  fc.constantFrom(
    '10.00',
    '0',
    '-1',
    '1e400',
    '1000000000000',
    '1000000000000.01',
    '99999999999999999999',
    '0.001',
  ),
  hostileText,
  hostileNumber,
);
const name = sometimes(fc.oneof(fc.constantFrom('alice', 'bob', 'acct', 'root', '-m'), hostileText));
const actor = sometimes(
  fc.record({ user: name, roles: sometimes(fc.constant(['platform-admin'])) }, { requiredKeys: [] }),
);
const date = sometimes(fc.oneof(fc.date({ noInvalidDate: false }), hostileText, hostileNumber));

export const targets = [
  fuzzTarget({
    name: 'accounts and members',
    arbitrary: fc.record({
      actor,
      account: name,
      user: name,
      role: sometimes(fc.constantFrom('admin', 'member', 'owner')),
    }),
    run: async ({ actor, account, user, role }) => {
      await ledger.createAccount(actor as never, { name: account, owner: user } as never).catch(swallowTyped);
      await ledger.addMember(actor as never, account as never, { user, role } as never).catch(swallowTyped);
      await ledger.blockMember(actor as never, account as never, user as never);
    },
  }),
  fuzzTarget({
    name: 'payments',
    arbitrary: fc.record({ account: name, amount, at: date, method: hostileValue, note: hostileValue }),
    run: ({ account, amount, at, method, note }) =>
      ledger.recordPayment(admin, account as never, { amount, at, method, note } as never),
  }),
  fuzzTarget({
    name: 'spending limits and charges',
    arbitrary: fc.record({ user: name, amount, period: hostileValue, reason: hostileValue }),
    run: async ({ user, amount, period, reason }) => {
      await ledger
        .setSpendingLimit(admin, 'acct', user as never, { amount, period } as never)
        .catch(swallowTyped);
      await ledger.chargeManually(admin, 'acct', { amount, user, reason } as never);
    },
  }),
  fuzzTarget({
    name: 'queries',
    arbitrary: fc.dictionary(hostileText, hostileValue, { maxKeys: 4 }),
    run: async (query) => {
      await ledger.payments(admin, query as never).catch(swallowTyped);
      await ledger.charges(admin, query as never);
    },
  }),
];

// A refusal of the first call must not stop the second: only the kind of each failure matters,
// and the harness checks the last one's; earlier ones are checked here.
function swallowTyped(err: unknown): void {
  if ((err as { name?: string })?.constructor && typeof (err as { code?: unknown }).code === 'string') return;
  throw err;
}
