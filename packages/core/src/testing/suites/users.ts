import { expect } from 'vitest';
import { defineSuite } from '../define-suite.js';

export const users = defineSuite('users-block', [
  {
    title: 'users-block: blocking a user in an account is idempotent and refuses only that account',
    needs: ['users.block', 'actAsUser'],
    async run(ctx) {
      const rt = ctx.runtime();
      const membership = { user: ctx.fixtures.users.member, account: ctx.fixtures.accounts.primary };
      try {
        await rt.users.block(membership);
        await rt.users.block(membership);
        expect(await rt.users.status(membership)).toEqual({ blocked: true });
        const err = await ctx.rejects(
          ctx.submit({ account: ctx.fixtures.accounts.primary }),
          'POLICY_VIOLATION',
        );
        expect(err.details.reason).toBe('user_blocked');
        const other = await ctx.submit({ account: ctx.fixtures.accounts.secondary });
        expect(other.account).toBe(ctx.fixtures.accounts.secondary);
      } finally {
        await rt.users.unblock(membership);
      }
      await rt.users.unblock(membership);
      expect(await rt.users.status(membership)).toEqual({ blocked: false });
      expect((await ctx.submit({ account: ctx.fixtures.accounts.primary })).account).toBe(
        ctx.fixtures.accounts.primary,
      );
    },
  },
  {
    title: 'users-block: the status of a user in an unknown account is NOT_FOUND',
    needs: ['users.block'],
    async run(ctx) {
      await ctx.rejects(
        ctx.runtime().users.status({ user: ctx.fixtures.users.member, account: 'nosuchaccount' }),
        'NOT_FOUND',
      );
    },
  },
]);
