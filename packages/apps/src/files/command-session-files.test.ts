import { describe, expect, it } from 'vitest';
import { type CommandRunner, commandSessionFiles } from './command-session-files.js';

function recorder(
  reply: (argv: readonly string[]) => { stdout?: string; stderr?: string; exitCode?: number } = () => ({}),
) {
  const calls: { argv: readonly string[]; stdin?: string; user?: string }[] = [];
  const runner: CommandRunner = {
    async exec(request) {
      calls.push(request);
      const r = reply(request.argv);
      return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', exitCode: r.exitCode ?? 0 };
    },
  };
  return { runner, calls };
}

const odd = `/home/a/it's "odd" $(id) \n✓`;

describe('commandSessionFiles', () => {
  it('passes paths as argv entries, never inside the shell text', async () => {
    const { runner, calls } = recorder();
    const files = commandSessionFiles(runner, 'alice');
    await files.writeFile(odd, 'secret');
    await files.mkdir(odd);
    for (const call of calls) {
      expect(call.user).toBe('alice');
      expect(call.argv.at(-1)).toBe(odd);
      expect(call.argv.slice(0, -1).join(' ')).not.toContain('odd');
    }
    expect(calls[0]?.stdin).toBe('secret');
    expect(calls[0]?.argv[2]).toMatch(/^umask 077/);
    expect(calls[1]?.argv[2]).toMatch(/^umask 077/);
  });

  it('maps a missing file to NOT_FOUND with its path', async () => {
    const { runner } = recorder(() => ({ exitCode: 1, stderr: 'cat: /x: No such file or directory' }));
    await expect(commandSessionFiles(runner).readFile('/x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { id: '/x' },
    });
  });

  it('maps other failures to TRANSPORT and reads the home once', async () => {
    const { runner, calls } = recorder((argv) =>
      argv[0] === 'printenv' ? { stdout: '/home/alice\n' } : { exitCode: 1, stderr: 'Permission denied' },
    );
    const files = commandSessionFiles(runner);
    expect(await files.home()).toBe('/home/alice');
    expect(await files.home()).toBe('/home/alice');
    expect(calls.filter((c) => c.argv[0] === 'printenv')).toHaveLength(1);
    await expect(files.readFile('/root/x')).rejects.toMatchObject({ code: 'TRANSPORT' });
    expect(await files.exists('/root/x')).toBe(false);
  });

  it.each(['-m', '--login', '#2001', '0', 'a b'])('refuses the user %j before running anything', (user) => {
    const { runner, calls } = recorder();
    expect(() => commandSessionFiles(runner, user)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        details: expect.objectContaining({
          subject: 'session files',
          issues: [expect.objectContaining({ path: ['user'] })],
        }),
      }),
    );
    expect(calls).toEqual([]);
  });
});
