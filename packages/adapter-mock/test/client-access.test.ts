/**
 * Who may see and act on which jobs through a client view (`client.as(user)`), and who may run
 * account and membership calls, on the mock scheduler. alice is in chem and bio, bob in bio,
 * carol in chem and bio; with roles, carol administers chem and dave is platform staff.
 */
import {
  type AccessRolesInput,
  createClient,
  type HpckitClient,
  type HpckitError,
  isHpckitError,
  type JobStateEvent,
} from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ikkemMockCluster, mockAdapter } from '../src/index.js';

const clients: HpckitClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const ROLES: Record<string, AccessRolesInput> = { carol: { adminOf: ['chem'] }, dave: { platform: true } };

function setup(options: { roles?: Record<string, AccessRolesInput> } = {}) {
  const adapter = mockAdapter({
    cluster: ikkemMockCluster({
      accounts: [
        { name: 'chem', members: ['alice', 'carol'] },
        { name: 'bio', members: ['alice', 'bob', 'carol', 'dave'] },
      ],
      users: [
        { name: 'alice', uid: 2001, defaultAccount: 'chem' },
        { name: 'bob', uid: 2002, defaultAccount: 'bio' },
        { name: 'carol', uid: 2003, defaultAccount: 'chem' },
        { name: 'dave', uid: 2004, defaultAccount: 'bio' },
      ],
    }),
  });
  const roles = options.roles;
  const client = createClient({
    clusters: { hpc: { adapter } },
    polling: { minIntervalMs: 5, maxIntervalMs: 10, jitter: 0, latencyFactor: 0, missingGraceMs: 0 },
    ...(roles && { access: { roles: (user: string) => roles[user] ?? {} } }),
  });
  clients.push(client);
  return { adapter, client };
}

/** Submits one held job (so it stays put) per (user, account). */
async function seed(client: HpckitClient) {
  const submit = async (user: string, account: string) =>
    (await client.as(user).jobs.submit({ command: 'sleep 1h', account, timeLimit: '1h', hold: true })).id;
  return {
    aliceChem: await submit('alice', 'chem'),
    aliceBio: await submit('alice', 'bio'),
    bobBio: await submit('bob', 'bio'),
    carolChem: await submit('carol', 'chem'),
    carolBio: await submit('carol', 'bio'),
  };
}

async function failure(promise: Promise<unknown>): Promise<HpckitError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHpckitError(err)) throw new Error(`expected an hpckit error, got ${String(err)}`);
  return err;
}

async function allPages(view: HpckitClient, query: Record<string, unknown>, limit: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += limit) {
    const page = await view.jobs.list({ ...query, offset, limit });
    totals.add(page.total);
    ids.push(...page.jobs.map((j) => j.id));
    if (page.jobs.length < limit) break;
  }
  return { ids, totals: [...totals] };
}

describe('a user view without an access source sees and acts on only its own jobs', () => {
  it("lists only bob's jobs, whatever the filters name", async () => {
    const { client } = setup();
    const ids = await seed(client);
    const bob = client.as('bob');
    const mine = await bob.jobs.list();
    expect([mine.jobs.map((j) => j.id), mine.total]).toEqual([[ids.bobBio], 1]);
    for (const query of [
      { users: ['alice'] },
      { users: ['alice', 'carol'], accounts: ['chem', 'bio'] },
      { jobIds: [ids.aliceChem, ids.aliceBio] },
      { accounts: ['chem'] },
    ]) {
      const page = await bob.jobs.list(query);
      expect([page.jobs, page.total], JSON.stringify(query)).toEqual([[], 0]);
    }
    const both = await bob.jobs.list({ users: ['alice', 'bob'], fields: ['workingDirectory'] });
    expect(both.jobs.map((j) => j.id)).toEqual([ids.bobBio]);
    // The root client is the portal's own view: everything, as before.
    expect((await client.jobs.list()).total).toBe(5);
  });

  it("reads alice's job exactly like a job that does not exist, through get, handle and watch", async () => {
    const { client } = setup();
    const ids = await seed(client);
    const bob = client.as('bob');
    const hidden = await failure(bob.jobs.get(ids.aliceChem));
    const unknown = await failure(bob.jobs.get('999999'));
    expect(hidden.code).toBe('NOT_FOUND');
    expect(hidden.details).toEqual({ kind: 'job', id: ids.aliceChem, reason: 'not_visible' });
    expect(unknown.details).toEqual({ kind: 'job', id: '999999', reason: 'not_visible' });
    expect(hidden.message.replace(ids.aliceChem, 'ID')).toBe(unknown.message.replace('999999', 'ID'));
    expect(hidden.message).not.toContain('/home/alice');
    expect((await failure(bob.jobs.handle(ids.aliceChem))).code).toBe('NOT_FOUND');
    const watching = bob.jobs.watch([ids.aliceChem]);
    expect((await failure(watching.next())).code).toBe('NOT_FOUND');
    // A handle made by alice's view is not shown to bob's either.
    const aliceHandle = await client.as('alice').jobs.handle(ids.aliceChem);
    const asBob = client.as('bob').jobs.watch([aliceHandle]);
    expect((await failure(asBob.next())).code).toBe('NOT_FOUND');
    expect((await bob.jobs.get(ids.bobBio)).user).toBe('bob');
  });

  it("cannot cancel, hold, release or change the time limit of alice's job, which stays as it was", async () => {
    const { adapter, client } = setup();
    const ids = await seed(client);
    const bob = client.as('bob');
    adapter.resetCalls();
    const attempts = [
      bob.jobs.cancel(ids.aliceChem),
      bob.jobs.release(ids.aliceChem),
      bob.jobs.hold(ids.aliceChem),
      bob.jobs.updateTimeLimit(ids.aliceChem, { set: '5m' }),
    ];
    for (const attempt of attempts) expect((await failure(attempt)).code).toBe('NOT_FOUND');
    expect(adapter.calls['jobs.cancel'] ?? 0).toBe(0);
    expect(adapter.calls['jobs.release'] ?? 0).toBe(0);
    expect(adapter.calls['jobs.updateTimeLimit'] ?? 0).toBe(0);
    const job = await client.jobs.get(ids.aliceChem);
    expect([job.state.phase, job.timeLimitSeconds]).toEqual(['held', 3600]);
    // Bob's own job: as before.
    await bob.jobs.updateTimeLimit(ids.bobBio, { set: '30m' });
    expect(await bob.jobs.cancel(ids.bobBio)).toEqual({ status: 'cancelled' });
  });

  it('hears only of its own jobs on its events; the root client hears of all', async () => {
    const { adapter, client } = setup();
    const alice = await client.as('alice').jobs.submit({ command: 'sleep 1m', account: 'chem' });
    const bob = await client.as('bob').jobs.submit({ command: 'sleep 1m', account: 'bio' });
    const heardByBob: JobStateEvent[] = [];
    const heardByRoot: JobStateEvent[] = [];
    client.as('bob').on('job:ended', (e) => heardByBob.push(e));
    client.on('job:ended', (e) => heardByRoot.push(e));
    adapter.clock.advance('2m');
    await Promise.all([alice.wait({ timeout: 5_000 }), bob.wait({ timeout: 5_000 })]);
    expect(heardByBob.map((e) => e.job.id)).toEqual([bob.id]);
    expect(heardByRoot.map((e) => e.job.id).sort()).toEqual([alice.id, bob.id].sort());
  });

  it('may not create, block or unblock accounts, nor change memberships, through the service account', async () => {
    const { adapter, client } = setup();
    const bob = client.as('bob');
    adapter.resetCalls();
    const refused = [
      bob.accounts.block('bio'),
      bob.accounts.unblock('bio'),
      bob.accounts.create({ name: 'mine', owner: 'bob' }),
      bob.users.add({ user: 'bob', account: 'chem' }),
      bob.users.remove({ user: 'alice', account: 'bio' }),
      bob.users.block({ user: 'alice', account: 'bio' }),
      bob.users.unblock({ user: 'bob', account: 'bio' }),
    ];
    for (const attempt of refused) {
      const err = await failure(attempt);
      expect(err.code).toBe('PERMISSION_DENIED');
      expect(err.message).toContain('User "bob" may not');
      expect(err.hint).toContain('`access`');
    }
    expect(adapter.calls['accounts.block'] ?? 0).toBe(0);
    expect(adapter.calls['users.add'] ?? 0).toBe(0);
    expect(await client.accounts.status('bio')).toEqual({ blocked: false });
    expect(await client.users.status({ user: 'alice', account: 'bio' })).toEqual({ blocked: false });
    // Malformed input is still a VALIDATION error, whoever asks.
    expect((await failure(bob.accounts.block('no such; name'))).code).toBe('VALIDATION');
    // The root client administers as before.
    await client.accounts.block('bio');
    expect(await client.accounts.status('bio')).toEqual({ blocked: true });
  });

  it('reads only its own accounts and memberships', async () => {
    const { client } = setup();
    const bob = client.as('bob');
    expect(await bob.accounts.list()).toEqual([
      { name: 'bio', blocked: false, members: [{ user: 'bob', blocked: false }] },
    ]);
    expect(await bob.accounts.list({ user: 'alice' })).toEqual([]);
    expect(await bob.accounts.status('bio')).toEqual({ blocked: false });
    expect((await failure(bob.accounts.status('chem'))).code).toBe('PERMISSION_DENIED');
    expect(await bob.users.status({ user: 'bob', account: 'bio' })).toEqual({ blocked: false });
    expect((await failure(bob.users.status({ user: 'alice', account: 'bio' }))).code).toBe(
      'PERMISSION_DENIED',
    );
    expect(
      (await bob.config.availability({ user: 'bob', account: 'bio' })).partitions.length,
    ).toBeGreaterThan(0);
    expect((await failure(bob.config.availability({ user: 'alice', account: 'chem' }))).code).toBe(
      'PERMISSION_DENIED',
    );
  });
});

describe('with roles from an access source', () => {
  it('shows an account admin every job of the account, besides their own, and pages it with a steady total', async () => {
    const { client } = setup({ roles: ROLES });
    const ids = await seed(client);
    const carol = client.as('carol');
    const expected = [ids.aliceChem, ids.carolChem, ids.carolBio];
    for (const limit of [1, 2, 5]) {
      expect(await allPages(carol, {}, limit)).toEqual({ ids: expected, totals: [3] });
    }
    expect((await carol.jobs.list({ accounts: ['bio'] })).jobs.map((j) => j.id)).toEqual([ids.carolBio]);
    expect((await carol.jobs.list({ users: ['alice', 'bob'] })).jobs.map((j) => j.id)).toEqual([
      ids.aliceChem,
    ]);
    expect(await allPages(carol, { accounts: ['chem', 'bio'] }, 1)).toEqual({ ids: expected, totals: [3] });
    expect((await carol.jobs.get(ids.aliceChem)).user).toBe('alice');
    expect((await failure(carol.jobs.get(ids.aliceBio))).code).toBe('NOT_FOUND');
    expect((await failure(carol.jobs.get(ids.bobBio))).code).toBe('NOT_FOUND');
  });

  it("lets an account admin act on a member's job of that account, as its owner, and on no other", async () => {
    const { client } = setup({ roles: ROLES });
    const ids = await seed(client);
    const carol = client.as('carol');
    // Pending behind a held job, so it can be held and released.
    const waiting = await client.as('alice').jobs.submit({
      command: 'x',
      account: 'chem',
      dependencies: [{ type: 'afterok', jobIds: [ids.aliceChem] }],
    });
    await carol.jobs.hold(waiting.id);
    expect((await client.jobs.get(waiting.id)).state.phase).toBe('held');
    await carol.jobs.release(waiting.id);
    expect((await client.jobs.get(waiting.id)).state.phase).toBe('queued');
    expect(await carol.jobs.updateTimeLimit(ids.aliceChem, { set: '20m' })).toEqual({
      timeLimitSeconds: 1200,
    });
    const handle = await carol.jobs.handle(ids.aliceChem);
    expect(await handle.cancel()).toEqual({ status: 'cancelled' });
    const cancelled = await client.jobs.get(ids.aliceChem);
    expect(cancelled.state.outcome).toBe('cancelled');
    for (const attempt of [carol.jobs.cancel(ids.aliceBio), carol.jobs.release(ids.bobBio)]) {
      expect((await failure(attempt)).code).toBe('NOT_FOUND');
    }
    expect((await client.jobs.get(ids.aliceBio)).state.phase).toBe('held');
  });

  it('applies a revoked role at the next call, even to a handle made before', async () => {
    const roles: Record<string, AccessRolesInput> = { carol: { adminOf: ['chem'] } };
    const { client } = setup({ roles });
    const ids = await seed(client);
    const carol = client.as('carol');
    const handle = await carol.jobs.handle(ids.aliceChem);
    const watched = carol.jobs.watch([handle]);
    await watched.next();
    await watched.return?.();
    roles.carol = {};
    expect((await failure(handle.refresh())).code).toBe('NOT_FOUND');
    expect((await failure(handle.cancel())).code).toBe('NOT_FOUND');
    expect((await failure(carol.jobs.handle(ids.aliceChem))).code).toBe('NOT_FOUND');
    expect((await carol.jobs.list()).total).toBe(2);
    expect((await client.jobs.get(ids.aliceChem)).state.phase).toBe('held');
  });

  it("lets an account admin change the account's memberships only, and read its members", async () => {
    const { client } = setup({ roles: ROLES });
    const carol = client.as('carol');
    await carol.users.block({ user: 'alice', account: 'chem' });
    expect(await carol.users.status({ user: 'alice', account: 'chem' })).toEqual({ blocked: true });
    await carol.users.unblock({ user: 'alice', account: 'chem' });
    for (const attempt of [
      carol.users.block({ user: 'bob', account: 'bio' }),
      carol.accounts.block('chem'),
      carol.accounts.create({ name: 'new' }),
    ]) {
      const err = await failure(attempt);
      expect(err.code).toBe('PERMISSION_DENIED');
      expect(err.hint).not.toContain('`access`');
    }
    const accounts = (await carol.accounts.list()).sort((a, b) => a.name.localeCompare(b.name));
    expect(accounts.map((a) => [a.name, a.members.map((m) => m.user).sort()])).toEqual([
      ['bio', ['carol']],
      ['chem', ['alice', 'carol']],
    ]);
    expect((await carol.accounts.list({ user: 'alice' })).map((a) => a.name)).toEqual(['chem']);
  });

  it('gives platform staff every job and every administrative call', async () => {
    const { client } = setup({ roles: ROLES });
    const ids = await seed(client);
    const dave = client.as('dave');
    expect(await allPages(dave, {}, 2)).toEqual(await allPages(client, {}, 2));
    expect(await dave.jobs.cancel(ids.bobBio)).toEqual({ status: 'cancelled' });
    await dave.accounts.block('bio');
    expect(await client.accounts.status('bio')).toEqual({ blocked: true });
    await dave.accounts.unblock('bio');
    expect(await dave.accounts.list()).toEqual(await client.accounts.list());
  });

  it('reports a failing or malformed role source as a typed error', async () => {
    const adapter = mockAdapter();
    expect(() =>
      createClient({ clusters: { hpc: { adapter } }, access: { roles: 'admin' } as never }),
    ).toThrow(/options\.access/);
    const broken = createClient({
      clusters: { hpc: { adapter } },
      access: {
        roles: () => {
          throw new Error('directory unreachable');
        },
      },
    });
    clients.push(broken);
    const err = await failure(broken.as('bob').jobs.list());
    expect([err.code, err.message.includes('directory unreachable')]).toEqual(['INTERNAL', true]);
    const malformed = createClient({
      clusters: { hpc: { adapter } },
      access: { roles: () => ({ adminOf: 'chem' }) as never },
    });
    clients.push(malformed);
    expect((await failure(malformed.as('bob').jobs.get('1'))).code).toBe('VALIDATION');
  });
});
