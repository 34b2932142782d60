import { isHpckitError } from '@hpckit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openShell, runCommand, type ShellSession, sftpFileSystem } from '../src/index.js';
import { assertSshdUp, perUserTransport, sudoTransport } from './cluster.js';

assertSshdUp();
const transport = perUserTransport();
const files = sftpFileSystem({ transport, user: 'alice' });
const DIR = `hpckit shell test 'quoted' $(id)`;

beforeAll(async () => {
  await files.mkdir(DIR, { recursive: true });
});
afterAll(async () => {
  await files.delete(DIR, { recursive: true });
  await files.close();
  await transport.close();
});

/** Collects a shell's output until `pattern` appears in it. */
function waitFor(shell: ShellSession, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in shell output:\n${text}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern.test(text)) {
        clearTimeout(timer);
        shell.output.off('data', onData);
        resolve(text);
      }
    };
    shell.output.on('data', onData);
  });
}

describe('openShell on the real sshd', () => {
  it('opens a PTY in the requested directory, runs input, resizes, and reports the exit code', async () => {
    const shell = await openShell({ transport, user: 'alice', rows: 24, cols: 80, cwd: DIR });
    expect(shell.cwd).toBe(`/home/alice/${DIR}`);
    shell.write('echo "[$(pwd)]"; echo "sum=$((6*7))"; tty\n');
    const text = await waitFor(shell, /sum=42[\s\S]*\/dev\/pts\//);
    expect(text).toContain(`[/home/alice/${DIR}]`);
    shell.resize(33, 101);
    shell.write('stty size\n');
    expect(await waitFor(shell, /33 101/)).toMatch(/33 101/);
    shell.write('whoami; exit 3\n');
    expect(await shell.exited).toEqual({ code: 3, signal: undefined });
  });

  it('close() ends a running session and its remote shell', async () => {
    const shell = await openShell({ transport, user: 'alice' });
    shell.write('echo "pid=$$"\n');
    const pid = /pid=(\d+)/.exec(await waitFor(shell, /pid=\d+/))![1]!;
    const exit = await shell.close();
    expect(await shell.exited).toEqual(exit);
    expect(shell.output.readableEnded || shell.output.destroyed).toBe(true);
    // sshd hangs up the PTY: the login shell is gone shortly after.
    await expect
      .poll(
        async () => (await runCommand(transport, { user: 'alice', argv: ['kill', '-0', pid] })).exitCode,
        {
          timeout: 5_000,
        },
      )
      .not.toBe(0);
  });

  it('refuses a missing or non-directory cwd with typed errors, before any shell starts', async () => {
    const missing = await openShell({ transport, user: 'alice', cwd: 'no such dir' }).catch(
      (e: unknown) => e,
    );
    expect(isHpckitError(missing, 'NOT_FOUND')).toBe(true);
    await files.writeFile(`${DIR}/file`, 'x');
    const notDir = await openShell({ transport, user: 'alice', cwd: `${DIR}/file` }).catch((e: unknown) => e);
    expect(isHpckitError(notDir, 'VALIDATION')).toBe(true);
    const climbing = await openShell({ transport, user: 'alice', cwd: '../bob' }).catch((e: unknown) => e);
    expect(isHpckitError(climbing, 'VALIDATION')).toBe(true);
  });

  it('refuses a shell for another user over a sudo transport', async () => {
    const sudo = sudoTransport();
    try {
      const err = await openShell({ transport: sudo, user: 'alice' }).catch((e: unknown) => e);
      expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
    } finally {
      await sudo.close();
    }
  });
});

describe('runCommand on the real sshd', () => {
  it('passes every argument as one word, runs in cwd, and returns non-zero exits as results', async () => {
    const odd = `it's "$HOME" $(id) ; rm -rf ~`;
    const result = await runCommand(transport, {
      user: 'alice',
      argv: ['printf', '%s|', odd, 'x'],
      cwd: DIR,
    });
    expect(result).toEqual({ stdout: `${odd}|x|`, stderr: '', exitCode: 0 });
    const pwd = await runCommand(transport, { user: 'alice', argv: ['pwd'], cwd: DIR });
    expect(pwd.stdout.trim()).toBe(`/home/alice/${DIR}`);
    const failed = await runCommand(transport, { user: 'alice', argv: ['sh', '-c', 'echo no >&2; exit 7'] });
    expect(failed).toMatchObject({ exitCode: 7, stderr: 'no\n' });
  });

  it('times out with TimeoutError', async () => {
    const started = Date.now();
    const err = await runCommand(transport, { user: 'alice', argv: ['sleep', '10'], timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(isHpckitError(err, 'TIMEOUT')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('validates its input', async () => {
    await expect(runCommand(transport, { argv: [] })).rejects.toThrow(/at least the program name/);
  });
});
