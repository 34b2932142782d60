import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { memorySessionFiles } from '../files/memory-session-files.js';
import { createAppSessions } from './app-sessions.js';

const root = createClient({ clusters: { hpc: { adapter: mockAdapter() } } });
const client = root.as('alice');
afterAll(() => root.close());

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; details: { issues: { path: unknown[]; message: string }[] } };
  }
  throw new Error('expected an error');
};

describe('createAppSessions options', () => {
  it.each([
    ['../x', /".." segment/],
    ['.hpckit/../../etc', /".." segment/],
    ['..', /".." segment/],
    ['/srv/sessions', /is absolute/],
    ['a//b', /write it as "a\/b"/],
    ['a/', /write it as "a"/],
    ['./a', /write it as "a"/],
    ['', /empty/],
    ['a\nb', /one line/],
  ])('refuses the base directory %j', (baseDir, message) => {
    const err = failure(() => createAppSessions({ client, files: memorySessionFiles(), baseDir }));
    expect(err.code).toBe('VALIDATION');
    expect(err.details.issues).toEqual([
      expect.objectContaining({ path: ['options', 'baseDir'], message: expect.stringMatching(message) }),
    ]);
  });

  it('keeps sessions under the home with a relative base directory', async () => {
    const files = memorySessionFiles('/home/alice');
    const sessions = createAppSessions({ client, files, baseDir: 'portal/my sessions' });
    await files.writeFile('/home/alice/portal/my sessions/web-server/last-form.json', '{"hours":2}');
    expect(await sessions.lastForm('web-server')).toEqual({ hours: 2 });
  });
});

describe('lastForm', () => {
  const files = memorySessionFiles('/home/alice');
  const sessions = createAppSessions({ client, files });
  const path = '/home/alice/.hpckit/apps/jupyter-notebook/last-form.json';

  it.each([
    ['truncated JSON', '{"hours": 2, "cor'],
    ['not JSON at all', '\u0000\u0001garbage'],
    ['JSON of another shape', '["cpu", 2]'],
    ['values that are not text or numbers', '{"hours": {"n": 2}}'],
  ])('treats a stored form of %s as absent', async (_, text) => {
    files.files.set(path, text);
    expect(await sessions.lastForm('jupyter-notebook')).toBeUndefined();
  });

  it('still reports a file it cannot read', async () => {
    const unreadable = memorySessionFiles('/home/alice');
    unreadable.readFile = async () => {
      throw Object.assign(new Error('permission denied'), { code: 'PERMISSION_DENIED' });
    };
    unreadable.files.set(path, '{}');
    const s = createAppSessions({ client, files: unreadable });
    await expect(s.lastForm('jupyter-notebook')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});
