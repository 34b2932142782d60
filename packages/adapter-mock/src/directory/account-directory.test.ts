import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { MockClusterSchema } from '../cluster/mock-cluster-schema.js';
import { ikkemMockCluster } from '../presets/ikkem-mock-cluster.js';
import { createAccountDirectory } from './account-directory.js';

const directory = () => createAccountDirectory(MockClusterSchema.parse(ikkemMockCluster()));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isHpckitError(err) ? err.code : String(err);
  }
  return 'ok';
};

describe('account directory', () => {
  it('knows the preset users, their uids and default accounts', () => {
    const d = directory();
    expect([d.user('alice')?.uid, d.user('alice')?.defaultAccount, d.user('bob')?.defaultAccount]).toEqual([
      2001,
      'electroplating',
      'ai4ec',
    ]);
    expect(d.uidOf('root')).toBe(0);
    expect(d.list('bob')).toEqual([
      {
        name: 'ai4ec',
        blocked: false,
        members: [
          { user: 'alice', blocked: false },
          { user: 'bob', blocked: false },
        ],
      },
    ]);
  });

  it('creates accounts once, with the owner as first member (a new user gets a fresh uid)', () => {
    const d = directory();
    d.createAccount('newlab', 'carol');
    expect(d.list('carol').map((a) => a.name)).toEqual(['newlab']);
    expect([d.user('carol')?.uid, d.user('carol')?.defaultAccount]).toEqual([2003, 'newlab']);
    expect(codeOf(() => d.createAccount('newlab'))).toBe('ALREADY_EXISTS');
  });

  it('adds and removes members idempotently, and moves the default account away from a removed one', () => {
    const d = directory();
    d.addMember('bob', 'electroplating');
    d.addMember('bob', 'electroplating');
    expect(d.account('electroplating')!.members.size).toBe(2);
    d.removeMember('alice', 'electroplating');
    d.removeMember('alice', 'electroplating');
    expect(d.user('alice')?.defaultAccount).toBe('ai4ec');
    expect(codeOf(() => d.addMember('bob', 'nosuch'))).toBe('NOT_FOUND');
    expect(codeOf(() => d.removeMember('bob', 'nosuch'))).toBe('NOT_FOUND');
  });

  it('finds members, or says the user is not one', () => {
    const d = directory();
    expect(d.requireMember('bob', 'ai4ec')).toEqual({ blocked: false });
    try {
      d.requireMember('bob', 'electroplating');
    } catch (err) {
      expect((err as Error).message).toBe(
        '[hpckit] [mock] User "bob" is not a member of account "electroplating". Add the user to the account first (users.add), or check the names.',
      );
    }
    expect(codeOf(() => d.requireAccount('nosuch'))).toBe('NOT_FOUND');
  });
});
