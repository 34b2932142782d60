import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { constants, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTransport } from './local.js';

/** A stand-in for su or sudo that prints the arguments it was given, one per line. */
function echoArgs(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hpckit-switch-')), 'switch');
  writeFileSync(path, '#!/bin/sh\nprintf "%s\\n" "$@"\n');
  chmodSync(path, 0o755);
  return path;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('localTransport', () => {
  it('runs argv without a shell, passes stdin and env, and counts calls', async () => {
    const t = localTransport();
    const r = await t.exec({
      argv: ['/bin/sh', '-c', 'cat; printf "%s" "$X"', 'ignored'],
      stdin: 'in|',
      env: { X: 'x' },
    });
    expect(r).toEqual({ stdout: 'in|x', stderr: '', exitCode: 0 });
    const echo = await t.exec({ argv: ['echo', '$(id)', '`id`'] });
    expect(echo.stdout).toBe('$(id) `id`\n');
    expect(t.stats()).toMatchObject({
      calls: 2,
      failures: 0,
      inFlight: 0,
      byProgram: { '/bin/sh': 1, echo: 1 },
    });
  });

  it('resolves with the exit code and stderr of a failing command', async () => {
    const r = await localTransport().exec({ argv: ['/bin/sh', '-c', 'echo oops >&2; exit 3'] });
    expect(r).toEqual({ stdout: '', stderr: 'oops\n', exitCode: 3 });
  });

  it('kills a command at its timeout with a TimeoutError', async () => {
    const t = localTransport({ timeoutMs: 200 });
    await expect(t.exec({ argv: ['sleep', '5'] })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(t.stats().failures).toBe(1);
  });

  it('stops a command whose output exceeds the limit', async () => {
    const t = localTransport({ maxOutputBytes: 1000 });
    await expect(t.exec({ argv: ['head', '-c', '100000', '/dev/zero'] })).rejects.toMatchObject({
      code: 'TRANSPORT',
    });
  });

  it('reports a command killed by a signal as 128 + its number, whatever the signal', async () => {
    const killedBy = async (sig: string) =>
      (await localTransport().exec({ argv: ['/bin/sh', '-c', `kill -${sig} $$`] })).exitCode;
    expect(await killedBy('KILL')).toBe(137);
    expect(await killedBy('TERM')).toBe(143);
    expect(await killedBy('SEGV')).toBe(139);
    expect(await killedBy('ABRT')).toBe(134);
    expect(await killedBy('USR1')).toBe(128 + constants.signals.SIGUSR1);
  });

  it('refuses per-user credentials, which only the SSH transport can use', () => {
    let err: unknown;
    try {
      localTransport({ actAs: { mode: 'credentials' } });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      code: 'VALIDATION',
      details: { subject: 'local transport options', issues: [{ path: ['actAs', 'mode'] }] },
    });
    expect((err as Error).message).toMatch(/sudo.*su.*sshTransport/);
    expect(localTransport({ actAs: { mode: 'su' } }).canActAsUser).toBe(true);
  });

  it('reports a missing program as a TransportError naming it', async () => {
    await expect(localTransport().exec({ argv: ['no-such-program-hpckit'] })).rejects.toMatchObject({
      code: 'TRANSPORT',
      message: expect.stringContaining('no-such-program-hpckit'),
    });
  });

  it('refuses a named user with actAs none (UNSUPPORTED) instead of running as the process owner', async () => {
    const t = localTransport();
    expect(t.canActAsUser).toBe(false);
    const err = await refusal(t.exec({ argv: ['id', '-un'], user: 'alice' }));
    expect(err).toMatchObject({ code: 'UNSUPPORTED', details: { capability: 'actAsUser' } });
    expect(t.stats().calls).toBe(0);
  });

  it('checks the user before su or sudo runs: options, uids, root and the process owner never reach them', async () => {
    const fake = echoArgs();
    for (const actAs of [
      { mode: 'su' as const, su: fake },
      { mode: 'sudo' as const, sudo: fake },
    ]) {
      const t = localTransport({ actAs });
      for (const user of ['-m', '--login', '-p', '#2001', '#0', '0']) {
        expect(await refusal(t.exec({ argv: ['id', '-un'], user }))).toMatchObject({
          code: 'VALIDATION',
          details: { issues: [{ path: ['user'] }] },
        });
      }
      for (const user of new Set(['root', userInfo().username])) {
        expect(await refusal(t.exec({ argv: ['id', '-un'], user }))).toMatchObject({
          code: 'PERMISSION_DENIED',
        });
      }
      expect(t.stats().calls).toBe(0);
    }
  });

  it('puts the name after "--" (su: -l -c <line> -- <user>) and refuses uids below minUid, looked up with id', async () => {
    const fake = echoArgs();
    const t = localTransport({ actAs: { mode: 'su', su: fake, minUid: 1000 } });
    // daemon is uid 1 (Debian, Alpine, RHEL); nobody is 65534.
    const low = await refusal(t.exec({ argv: ['id', '-un'], user: 'daemon' }));
    expect(low).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect((low as Error).message).toMatch(/uid \d+ is below actAs\.minUid \(1000\)/);
    const r = await t.exec({ argv: ['squeue', '--me'], user: 'nobody', env: { X: '1' } });
    expect(r.stdout.split('\n')).toEqual(['-l', '-c', 'env X=1 squeue --me', '--', 'nobody', '']);
    await t.exec({ argv: ['true'], user: 'nobody' });
    expect(t.stats().byProgram).toEqual({ id: 2, squeue: 1, true: 1 });
  });
});
