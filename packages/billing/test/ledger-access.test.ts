import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, isHpckitError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLedger } from '../src/ledger/create-ledger.js';
import { ledgerAccess } from '../src/ledger/ledger-access.js';
import { createMemoryStore } from '../src/stores/memory/memory-store.js';
import type { LedgerStore } from '../src/stores/ledger-store.js';
import { createSqliteStore } from '../src/stores/sqlite/sqlite-store.js';

const ROOT = { user: 'root', roles: ['platform-admin' as const] };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const stores: [string, () => Promise<LedgerStore>][] = [
  ['memory', async () => createMemoryStore()],
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hpckit-access-'));
      const store = await createSqliteStore({ path: join(dir, 'ledger.db') });
      cleanups.push(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return store;
    },
  ],
];

describe.each(stores)('ledgerAccess on the %s store', (_name, open) => {
  async function ledgerWithAccounts() {
    const ledger = createLedger({ store: await open(), currency: 'CNY' });
    const root = ledger.as(ROOT);
    await root.createAccount({ name: 'chem', type: 'internal', owner: 'olga' });
    await root.createAccount({ name: 'bio', type: 'internal', owner: 'bob' });
    await root.addMember('chem', { user: 'dave', role: 'admin' });
    await root.addMember('chem', { user: 'alice' });
    await root.addMember('bio', { user: 'dave' });
    return ledger;
  }
  const ctx = { cluster: 'hpc' };

  it("reads owners and admins from the ledger's memberships, plain members get nothing more", async () => {
    const ledger = await ledgerWithAccounts();
    const access = ledgerAccess({ ledger });
    expect(await access.roles('olga', ctx)).toEqual({ platform: false, adminOf: ['chem'] });
    expect(await access.roles('dave', ctx)).toEqual({ platform: false, adminOf: ['chem'] });
    expect(await access.roles('alice', ctx)).toEqual({ platform: false, adminOf: [] });
    expect(await access.roles('nobody', ctx)).toEqual({ platform: false, adminOf: [] });
  });

  it('grants platform staff to platform-admin holders only, finance sees no jobs', async () => {
    const ledger = await ledgerWithAccounts();
    const roles: Record<string, ('platform-admin' | 'finance')[]> = {
      root: ['platform-admin'],
      fin: ['finance'],
    };
    const access = ledgerAccess({ ledger, platformRoles: async (user) => roles[user] ?? [] });
    expect(await access.roles('root', ctx)).toEqual({ platform: true, adminOf: [] });
    expect(await access.roles('fin', ctx)).toEqual({ platform: false, adminOf: [] });
  });

  it('caches nothing: a membership change applies to the very next call', async () => {
    const ledger = await ledgerWithAccounts();
    const access = ledgerAccess({ ledger });
    await ledger.as(ROOT).addMember('bio', { user: 'alice', role: 'admin' });
    expect((await access.roles('alice', ctx)).adminOf).toEqual(['bio']);
    await ledger.as(ROOT).removeMember('bio', 'alice');
    expect((await access.roles('alice', ctx)).adminOf).toEqual([]);
  });

  it("decides what a client's user views see: an account admin sees its members' jobs", async () => {
    const ledger = createLedger({ store: await open(), currency: 'CNY' });
    await ledger.as(ROOT).createAccount({ name: 'ai4ec', type: 'internal', owner: 'bob' });
    const adapter = mockAdapter();
    const client = createClient({ clusters: { hpc: { adapter } }, access: ledgerAccess({ ledger }) });
    cleanups.push(() => client.close());
    const alice = await client.as('alice').jobs.submit({ command: 'sleep 1h', account: 'ai4ec', hold: true });
    const elsewhere = await client
      .as('alice')
      .jobs.submit({ command: 'sleep 1h', account: 'electroplating', hold: true });
    const seen = await client.as('bob').jobs.list();
    expect([seen.jobs.map((j) => j.id), seen.total]).toEqual([[alice.id], 1]);
    const err = await client
      .as('bob')
      .jobs.get(elsewhere.id)
      .catch((e: unknown) => e);
    expect(isHpckitError(err, 'NOT_FOUND')).toBe(true);
    expect(await client.as('bob').jobs.cancel(alice.id)).toEqual({ status: 'cancelled' });
  });
});

describe('ledgerAccess options and answers', () => {
  it('refuses malformed options and a malformed platformRoles answer with VALIDATION errors', async () => {
    expect(() => ledgerAccess({ ledger: {} as never })).toThrow(/options\.ledger/);
    const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
    const access = ledgerAccess({ ledger, platformRoles: () => ['superuser'] as never });
    const err = await Promise.resolve(access.roles('x', { cluster: 'hpc' })).catch((e: unknown) => e);
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    expect((err as Error).message).toContain('platformRoles.0');
  });
});
