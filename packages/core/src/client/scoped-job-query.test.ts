import { describe, expect, it } from 'vitest';
import { type JobQuery, JobQuerySchema } from '../model/job-query.js';
import { scopeJobQuery } from './scoped-job-query.js';
import type { Viewer } from './viewer.js';

const q = (input: Record<string, unknown> = {}): JobQuery => JobQuerySchema.parse(input);
const viewer = (adminOf: string[] = [], platform = false): Viewer => ({
  user: 'bob',
  platform,
  adminOf: new Set(adminOf),
});
// Only the filters that decide visibility, for readable expectations.
const filters = (query: JobQuery | undefined) => query && { users: query.users, accounts: query.accounts };

describe('scopeJobQuery', () => {
  it('leaves the root view and platform staff with the query as given', () => {
    const query = q({ users: ['alice'], states: ['running'], limit: 5 });
    expect(scopeJobQuery(query, undefined)).toEqual({ parts: [query] });
    expect(scopeJobQuery(query, viewer([], true))).toEqual({ parts: [query] });
  });

  it("forces a plain user's query to their own jobs, whatever users it names", () => {
    const all = scopeJobQuery(q({ states: ['queued'], offset: 3, limit: 2 }), viewer());
    expect(all.parts).toEqual([q({ users: ['bob'], states: ['queued'], offset: 3, limit: 2 })]);
    expect(scopeJobQuery(q({ users: ['alice', 'bob'] }), viewer()).parts.map(filters)).toEqual([
      { users: ['bob'], accounts: undefined },
    ]);
    expect(scopeJobQuery(q({ users: ['alice'] }), viewer())).toEqual({ parts: [] });
    expect(scopeJobQuery(q({ jobIds: ['7'], accounts: ['chem'] }), viewer()).parts).toEqual([
      q({ jobIds: ['7'], accounts: ['chem'], users: ['bob'] }),
    ]);
  });

  it("gives an account admin other users' jobs of administered accounts only, in disjoint parts", () => {
    const admin = viewer(['chem']);
    // Other users only: their jobs in chem.
    expect(scopeJobQuery(q({ users: ['alice', 'carol'] }), admin).parts.map(filters)).toEqual([
      { users: ['alice', 'carol'], accounts: ['chem'] },
    ]);
    // Self among the users: own jobs anywhere, the others' in chem (split by user).
    expect(scopeJobQuery(q({ users: ['bob', 'alice'], accounts: ['chem', 'bio'] }), admin)).toEqual({
      parts: [q({ users: ['bob'], accounts: ['chem', 'bio'] }), q({ users: ['alice'], accounts: ['chem'] })],
    });
    // Accounts only: chem whole, own jobs in the rest (split by account).
    expect(scopeJobQuery(q({ accounts: ['chem', 'bio'] }), admin)).toEqual({
      parts: [q({ users: ['bob'], accounts: ['bio'] }), q({ accounts: ['chem'] })],
    });
    expect(scopeJobQuery(q({ accounts: ['chem'] }), admin)).toEqual({ parts: [q({ accounts: ['chem'] })] });
    expect(scopeJobQuery(q({ accounts: ['bio'] }), admin).parts.map(filters)).toEqual([
      { users: ['bob'], accounts: ['bio'] },
    ]);
    expect(scopeJobQuery(q({ users: ['bob'] }), admin).parts.map(filters)).toEqual([
      { users: ['bob'], accounts: undefined },
    ]);
  });

  it('counts an admin’s own jobs of administered accounts once when nothing narrows user or account', () => {
    const scoped = scopeJobQuery(q({ name: 'train' }), viewer(['chem', 'bio']));
    expect(scoped.parts).toEqual([
      q({ name: 'train', users: ['bob'] }),
      q({ name: 'train', accounts: ['chem', 'bio'] }),
    ]);
    expect(scoped.overlap).toEqual(q({ name: 'train', users: ['bob'], accounts: ['chem', 'bio'] }));
  });

  it('keeps every other filter of every part', () => {
    const query = q({
      accounts: ['chem', 'bio'],
      states: ['running'],
      partitions: ['gpu'],
      name: 'x',
      submitTime: { from: new Date(0) },
      fields: ['user'],
    });
    for (const part of scopeJobQuery(query, viewer(['chem'])).parts) {
      expect(part).toMatchObject({ states: ['running'], partitions: ['gpu'], name: 'x', fields: ['user'] });
      expect(part.submitTime).toEqual({ from: new Date(0) });
    }
  });
});
