import { describe, expect, it } from 'vitest';
import { ActAsSchema, type ActAs } from './act-as.js';
import { actAsGuard } from './act-as-guard.js';
import type { ExecResult } from './transport.js';

const UIDS: Record<string, number> = { alice: 2001, bob: 2002, toor: 0, daemon: 1, slurm: 64030 };

/** A guard whose uid lookups answer from UIDS (like `id -u -- <user>`) and are recorded. */
function guardFor(
  actAs: unknown,
  answer = (user: string): ExecResult | Error =>
    user in UIDS
      ? { stdout: `${UIDS[user]}\n`, stderr: '', exitCode: 0 }
      : { stdout: '', stderr: `id: '${user}': no such user\n`, exitCode: 1 },
) {
  const lookups: string[] = [];
  const guard = actAsGuard(
    ActAsSchema.parse(actAs) as ActAs,
    { kind: 'ssh', login: 'portal' },
    async (user) => {
      lookups.push(user);
      const result = answer(user);
      if (result instanceof Error) throw result;
      return result;
    },
  );
  return { guard, lookups };
}

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('actAsGuard', () => {
  it('lets a call without a user through, whatever the mode', async () => {
    for (const mode of ['none', 'sudo', 'su', 'credentials']) {
      const { guard, lookups } = guardFor({ mode });
      await guard.check(undefined, 'command');
      expect(lookups).toEqual([]);
    }
  });

  it('is UNSUPPORTED for a named user with actAs none, never a silent run as the transport', async () => {
    const { guard, lookups } = guardFor({ mode: 'none' });
    const err = await refused(guard.check('alice', 'command'));
    expect(err).toMatchObject({ code: 'UNSUPPORTED', details: { capability: 'actAsUser' } });
    expect((err as Error).message).toContain('portal');
    expect(lookups).toEqual([]);
  });

  it.each(['-m', '--login', '-p', '#2001', '#0', '0', 'a b', 'alice\n', '../bob', 'x'.repeat(33)])(
    'refuses %j as VALIDATION at "user" before any lookup',
    async (user) => {
      const { guard, lookups } = guardFor({ mode: 'sudo' });
      expect(await refused(guard.check(user, 'command'))).toMatchObject({
        code: 'VALIDATION',
        details: { subject: 'command', issues: [{ path: ['user'] }] },
      });
      expect(lookups).toEqual([]);
    },
  );

  it('refuses root, its own login and denyUsers by name in every acting mode, before any lookup', async () => {
    for (const mode of ['sudo', 'su', 'credentials']) {
      const { guard, lookups } = guardFor({ mode, denyUsers: ['admin'] });
      for (const user of ['root', 'portal', 'admin']) {
        const err = await refused(guard.check(user, 'command'));
        expect(err).toMatchObject({
          code: 'PERMISSION_DENIED',
          details: { action: `run commands as "${user}"` },
        });
        expect((err as Error).message).toContain(`refuses to act as "${user}"`);
      }
      expect(lookups).toEqual([]);
    }
  });

  it('refuses a uid below minUid (root under another name by default), looked up once per user', async () => {
    const { guard, lookups } = guardFor({ mode: 'sudo' });
    const err = await refused(guard.check('toor', 'command'));
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect((err as Error).message).toContain('uid 0 is below actAs.minUid (1)');
    await guard.check('alice', 'command');
    await guard.check('alice', 'command');
    await guard.check('daemon', 'command');
    expect(lookups).toEqual(['toor', 'alice', 'daemon']);

    const strict = guardFor({ mode: 'credentials', minUid: 1000 });
    expect(await refused(strict.guard.check('daemon', 'command'))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    await strict.guard.check('bob', 'command');
  });

  it('refuses when the uid cannot be looked up, and tries again next time', async () => {
    let fail = true;
    const { guard, lookups } = guardFor({ mode: 'su' }, (user) =>
      fail ? new Error('connection lost') : { stdout: `${UIDS[user]}\n`, stderr: '', exitCode: 0 },
    );
    expect(await refused(guard.check('alice', 'command'))).toMatchObject({ message: 'connection lost' });
    fail = false;
    await guard.check('alice', 'command');
    expect(lookups).toEqual(['alice', 'alice']);

    const unknown = guardFor({ mode: 'sudo' });
    expect(await refused(unknown.guard.check('nosuchuser', 'command'))).toMatchObject({
      code: 'NOT_FOUND',
      details: { kind: 'user', id: 'nosuchuser' },
    });
    const odd = guardFor({ mode: 'sudo' }, () => ({ stdout: 'not a number\n', stderr: '', exitCode: 0 }));
    expect(await refused(odd.guard.check('alice', 'command'))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('skips the lookup with minUid 0', async () => {
    const { guard, lookups } = guardFor({ mode: 'sudo', minUid: 0 });
    await guard.check('toor', 'command');
    expect(lookups).toEqual([]);
  });
});
