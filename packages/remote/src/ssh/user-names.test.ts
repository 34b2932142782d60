/**
 * Every entry point of @hpckit/remote that takes a user checks it is a login name before a
 * transport or session source sees it: a name su or sudo would read as an option (`-m`) or a uid
 * (`#2001`, `0`) never leaves this package.
 */
import { describe, expect, it } from 'vitest';
import { sftpFileSystem } from '../fs/sftp-file-system.js';
import { openShell } from '../shell/open-shell.js';
import { runCommand } from '../shell/run-command.js';
import type { SessionSource } from './session-source.js';

const BAD = ['-m', '--login', '-p', '#2001', '0', 'a b', 'alice\n', 'a/b', 'x'.repeat(33)];

/** A transport and session source that record who they were asked for. */
function recorder() {
  const asked: (string | undefined)[] = [];
  const transport = {
    async exec(request: { user?: string }) {
      asked.push(request.user);
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
  const source: SessionSource = {
    async session(user) {
      asked.push(user);
      throw new Error('no session in this test');
    },
  };
  return { asked, transport, source };
}

const caught = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (err) {
    return err;
  }
  return undefined;
};

describe('user names in @hpckit/remote', () => {
  it.each(BAD)('runCommand, openShell and sftpFileSystem refuse %j as VALIDATION at "user"', async (user) => {
    const { asked, transport, source } = recorder();
    const validation = {
      code: 'VALIDATION',
      details: expect.objectContaining({ issues: [expect.objectContaining({ path: ['user'] })] }),
    };
    expect(await caught(() => runCommand(transport, { argv: ['id'], user }))).toMatchObject(validation);
    expect(await caught(() => openShell({ transport: source, user }))).toMatchObject(validation);
    expect(await caught(async () => sftpFileSystem({ transport: source, user }))).toMatchObject(validation);
    expect(asked).toEqual([]);
  });

  it('passes a login name on to the transport', async () => {
    const { asked, transport } = recorder();
    await runCommand(transport, { argv: ['id'], user: 'alice' });
    expect(asked).toEqual(['alice']);
  });
});
