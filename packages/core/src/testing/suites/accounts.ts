import { expect } from 'vitest';
import { SchedulerAccountSchema } from '../../model/account.js';
import { defineSuite } from '../define-suite.js';

export const accounts = defineSuite('accounts', [
  {
    title: 'accounts-block: blocking is idempotent, refuses new jobs, and unblocking restores them',
    needs: ['accounts.block'],
    async run(ctx) {
      const { secondary } = ctx.fixtures.accounts;
      const rt = ctx.runtime();
      try {
        await rt.accounts.block(secondary);
        await rt.accounts.block(secondary);
        expect(await rt.accounts.status(secondary)).toEqual({ blocked: true });
        const err = await ctx.rejects(ctx.submit({ account: secondary }), 'POLICY_VIOLATION');
        expect(err.details.reason).toBe('account_blocked');
      } finally {
        await rt.accounts.unblock(secondary);
      }
      await rt.accounts.unblock(secondary);
      expect(await rt.accounts.status(secondary)).toEqual({ blocked: false });
      const job = await ctx.submit({ account: secondary });
      expect(job.account).toBe(secondary);
    },
  },
  {
    title: 'accounts-block: running jobs keep running when their account is blocked',
    needs: ['accounts.block'],
    async run(ctx) {
      const { secondary } = ctx.fixtures.accounts;
      const rt = ctx.runtime();
      const job = await ctx.submit({ account: secondary, command: 'sleep 4' });
      await ctx.settle(job.id, (j) => j.state.phase === 'running');
      try {
        await rt.accounts.block(secondary);
        const ended = await ctx.settle(job.id, (j) => j.state.phase === 'ended');
        expect(ended.state.outcome).toBe('completed');
      } finally {
        await rt.accounts.unblock(secondary);
      }
    },
  },
  {
    title: 'accounts-block: the status of an unknown account is NOT_FOUND',
    needs: ['accounts.block'],
    async run(ctx) {
      await ctx.rejects(ctx.runtime().accounts.status('nosuchaccount'), 'NOT_FOUND');
    },
  },
  {
    title: 'accounts: list shows accounts with their members',
    needs: ['accounts.list'],
    async run(ctx) {
      const list = await ctx.runtime().accounts.list({});
      for (const account of list) SchedulerAccountSchema.parse(account);
      const primary = list.find((a) => a.name === ctx.fixtures.accounts.primary);
      expect(primary?.members.map((m) => m.user)).toContain(ctx.fixtures.users.member);
      const mine = await ctx.runtime().accounts.list({ user: ctx.fixtures.users.outsider });
      expect(mine.map((a) => a.name)).toContain(ctx.fixtures.accounts.secondary);
      expect(mine.map((a) => a.name)).not.toContain(ctx.fixtures.accounts.primary);
    },
  },
  {
    title: 'accounts: creating an account twice is ALREADY_EXISTS; members can be added and removed',
    needs: ['accounts.create', 'accounts.list', 'users.manage'],
    async run(ctx) {
      const rt = ctx.runtime();
      const name = ctx.unique('acct');
      const { outsider } = ctx.fixtures.users;
      await rt.accounts.create({ name, owner: outsider });
      await ctx.rejects(rt.accounts.create({ name, owner: outsider }), 'ALREADY_EXISTS');
      await rt.users.add({ user: ctx.fixtures.users.member, account: name });
      const members = async () =>
        (await rt.accounts.list({}))
          .find((a) => a.name === name)
          ?.members.map((m) => m.user)
          .sort() ?? [];
      expect(await members()).toEqual([ctx.fixtures.users.member, outsider].sort());
      await rt.users.remove({ user: ctx.fixtures.users.member, account: name });
      expect(await members()).toEqual([outsider]);
    },
  },
]);
