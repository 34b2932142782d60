import { describe, expect, it } from 'vitest';
import { isHpckitError, PermissionError } from '../errors/hpckit-error.js';
import type { AccessSource } from './access-roles.js';
import { canSeeJob, resolveViewer } from './viewer.js';

const ctx = { cluster: 'hpc' };
const source = (roles: AccessSource['roles']): AccessSource => ({ roles });

describe('resolveViewer', () => {
  it('has no viewer for the root view and own jobs only without a source', async () => {
    expect(
      await resolveViewer(
        source(() => ({ platform: true })),
        undefined,
        ctx,
      ),
    ).toBeUndefined();
    const plain = await resolveViewer(undefined, 'bob', ctx);
    expect(plain).toEqual({ user: 'bob', platform: false, adminOf: new Set() });
  });

  it('asks the source for the user and cluster on every call', async () => {
    const asked: string[] = [];
    let adminOf = ['chem'];
    const s = source((user, c) => {
      asked.push(`${user}@${c.cluster}`);
      return { adminOf };
    });
    expect((await resolveViewer(s, 'bob', ctx))?.adminOf).toEqual(new Set(['chem']));
    adminOf = [];
    expect((await resolveViewer(s, 'bob', ctx))?.adminOf).toEqual(new Set());
    expect(asked).toEqual(['bob@hpc', 'bob@hpc']);
  });

  it('refuses malformed roles with a VALIDATION error naming the path', async () => {
    const err = await resolveViewer(
      source(() => ({ adminOf: ['ok', 'bad name'] }) as never),
      'bob',
      ctx,
    ).catch((e: unknown) => e);
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    expect((err as Error).message).toContain('access roles of user "bob"');
    expect((err as Error).message).toContain('access.roles.adminOf.1');
  });

  it('wraps a foreign failure of the source as INTERNAL and passes hpckit errors through', async () => {
    const foreign = await resolveViewer(
      source(() => {
        throw new TypeError('db down');
      }),
      'bob',
      ctx,
    ).catch((e: unknown) => e);
    expect(isHpckitError(foreign, 'INTERNAL')).toBe(true);
    expect((foreign as Error).message).toContain('db down');
    const denied = new PermissionError({ details: { action: 'x' } });
    const own = await resolveViewer(
      source(async () => {
        throw denied;
      }),
      'bob',
      ctx,
    ).catch((e: unknown) => e);
    expect(own).toBe(denied);
  });

  it('rejects with the signal’s reason once aborted, without waiting for the source', async () => {
    const controller = new AbortController();
    const pending = resolveViewer(
      source(() => new Promise(() => {})),
      'bob',
      { ...ctx, signal: controller.signal },
    );
    controller.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });
});

describe('canSeeJob', () => {
  const bob = { user: 'bob', platform: false, adminOf: new Set(['chem']) };
  it('shows own jobs, jobs of administered accounts, and everything to platform staff and the root view', () => {
    expect(canSeeJob(bob, { user: 'bob', account: 'bio' })).toBe(true);
    expect(canSeeJob(bob, { user: 'alice', account: 'chem' })).toBe(true);
    expect(canSeeJob(bob, { user: 'alice', account: 'bio' })).toBe(false);
    expect(canSeeJob(bob, { user: 'alice', account: undefined })).toBe(false);
    expect(canSeeJob({ ...bob, platform: true }, { user: 'alice', account: 'bio' })).toBe(true);
    expect(canSeeJob(undefined, { user: 'alice', account: 'bio' })).toBe(true);
  });
});
