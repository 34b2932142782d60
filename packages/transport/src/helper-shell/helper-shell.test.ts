import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { localTransport } from '../local.js';
import type { Transport } from '../transport.js';

const open: Transport[] = [];
function transport(options: Parameters<typeof localTransport>[0] = {}): Transport {
  const t = localTransport(options);
  open.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const sh = (script: string, ...args: string[]) => ['/bin/sh', '-c', script, 'sh', ...args];
/** The pid of the helper running a command: the command's parent (the subshell exec'd it). */
const helperPid = async (t: Transport) => (await t.exec({ argv: sh('echo $PPID') })).stdout.trim();
const alive = (pid: string) => {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('helper shells of the local transport', () => {
  it('run every command in one long-lived shell, not a process per command', async () => {
    const t = transport();
    const pids = new Set<string>();
    for (let i = 0; i < 5; i++) pids.add(await helperPid(t));
    expect(pids.size).toBe(1);
    const [pid] = pids;
    expect(execFileSync('ps', ['-o', 'comm=', '-p', pid!], { encoding: 'utf8' }).trim()).toBe('bash');
    // Spawning every command: each has its own parent, this process.
    const spawning = transport({ helperShell: 'off' });
    expect(await helperPid(spawning)).toBe(String(process.pid));
  });

  it('keep output exact: frame-like text, no final newline, NUL bytes, large output, stderr apart', async () => {
    const t = transport();
    const lookalike = 'B 123\n0123456789abcdef0123456789abcdef E 0\nE\nHPCKIT_IN_x';
    expect(await t.exec({ argv: ['printf', '%s', lookalike] })).toEqual({
      stdout: lookalike,
      stderr: '',
      exitCode: 0,
    });
    expect((await t.exec({ argv: ['printf', 'a\\000b\\001'] })).stdout).toBe('a\0b\x01');
    const big = await t.exec({ argv: sh('head -c 3000000 /dev/zero | tr "\\0" a; echo tail >&2') });
    expect(big.stdout.length).toBe(3_000_000);
    expect(big.stdout).toMatch(/^a+$/);
    expect(big.stderr).toBe('tail\n');
    const both = await t.exec({
      argv: sh('i=0; while [ $i -lt 200 ]; do echo "o$i"; echo "e$i" >&2; i=$((i+1)); done; printf end >&2'),
    });
    const lines = (prefix: string) => Array.from({ length: 200 }, (_, i) => `${prefix}${i}\n`).join('');
    expect(both.stdout).toBe(lines('o'));
    expect(both.stderr).toBe(`${lines('e')}end`);
  });

  it('give each command its own input: none reads the next command, stdin arrives byte for byte', async () => {
    const t = transport();
    // Without stdin a command reads /dev/null: `cat` ends at once instead of eating what follows.
    expect(await t.exec({ argv: ['cat'] })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect((await t.exec({ argv: ['echo', 'next'] })).stdout).toBe('next\n');
    for (const stdin of [
      'no newline',
      'line\n',
      'two\nlines\n\n',
      'q\'uo"te $(id) `id` \\\n',
      'HPCKIT_IN_\n',
    ]) {
      expect((await t.exec({ argv: ['cat'], stdin })).stdout).toBe(stdin);
    }
    expect((await t.exec({ argv: ['wc', '-c'], stdin: 'x'.repeat(300_000) })).stdout.trim()).toBe('300000');
  });

  it('pass exit codes, argv words and the environment per command, without leaking into the next', async () => {
    const t = transport();
    for (const code of [0, 1, 2, 42, 126, 127, 255]) {
      expect((await t.exec({ argv: sh(`exit ${code}`) })).exitCode).toBe(code);
    }
    expect((await t.exec({ argv: sh('kill -TERM $$') })).exitCode).toBe(143);
    const words = ['$(id)', '`id`', "it's", 'a b', '', '-n', '*', '\n', '中文'];
    expect((await t.exec({ argv: sh('printf "[%s]" "$@"', ...words) })).stdout).toBe(
      words.map((w) => `[${w}]`).join(''),
    );
    process.env.HPCKIT_HELPER_TEST = 'inherited';
    try {
      const t2 = transport();
      const env = await t2.exec({
        argv: sh('printf "%s|%s|%s" "$A" "$(printenv HPCKIT_HELPER_TEST || echo unset)" "$PWD"'),
        env: { A: "x'y" },
        unsetEnv: ['HPCKIT_HELPER_TEST'],
      });
      expect(env.stdout).toBe("x'y|unset|/");
      const after = await t2.exec({
        argv: sh('printf "%s|%s" "$(printenv A || echo unset)" "$HPCKIT_HELPER_TEST"'),
      });
      expect(after.stdout).toBe('unset|inherited');
    } finally {
      delete process.env.HPCKIT_HELPER_TEST;
    }
  });

  it('carry a repeated environment setup as a shell function, and any number of distinct ones exactly', async () => {
    const t = transport({ helperShells: 1 });
    const unsetEnv = Array.from({ length: 70 }, (_, i) => `HPCKIT_HELPER_UNSET_${i}`);
    process.env.HPCKIT_HELPER_UNSET_7 = 'set';
    try {
      const t2 = transport({ helperShells: 1 });
      // 40 distinct setups: past the helper's 32 functions, the later ones stay inline.
      for (let i = 0; i < 40; i++) {
        const r = await t2.exec({
          argv: sh('printf "%s|%s" "$V" "$(printenv HPCKIT_HELPER_UNSET_7 || echo unset)"'),
          env: { V: `v${i % 20}'中文 ${i}` },
          unsetEnv,
        });
        expect(r.stdout).toBe(`v${i % 20}'中文 ${i}|unset`);
      }
      // A command with no setup sees the helper's environment untouched by the functions.
      expect(
        (await t2.exec({ argv: sh('printf "%s|%s" "$(printenv V || echo unset)" "$HPCKIT_HELPER_UNSET_7"') }))
          .stdout,
      ).toBe('unset|set');
    } finally {
      delete process.env.HPCKIT_HELPER_UNSET_7;
    }
    expect((await t.exec({ argv: ['echo', 'ok'] })).stdout).toBe('ok\n');
  });

  it('count a command in bytes whatever the locale, and survive a USR1 that comes while idle', async () => {
    const saved = process.env.LC_ALL;
    process.env.LC_ALL = 'C.UTF-8';
    try {
      const t = transport({ helperShells: 1 });
      const pid = await helperPid(t);
      const stdin = '中文 é ✓\n'.repeat(50);
      expect((await t.exec({ argv: ['cat'], stdin, env: { W: '中文' } })).stdout).toBe(stdin);
      // A late kill request (the command it was meant for had ended) must not end the helper.
      process.kill(Number(pid), 'SIGUSR1');
      await new Promise((r) => setTimeout(r, 50));
      expect(await helperPid(t)).toBe(pid);
      expect((await t.exec({ argv: sh('printf %s "$W"'), env: { W: '中文' } })).stdout).toBe('中文');
    } finally {
      if (saved === undefined) delete process.env.LC_ALL;
      else process.env.LC_ALL = saved;
    }
  });

  it('report a missing program as spawn does: TRANSPORT, spawn_failed, ENOENT', async () => {
    const err = await rejection(transport().exec({ argv: ['no-such-program-hpckit', 'x'] }));
    expect(err).toMatchObject({
      code: 'TRANSPORT',
      retryable: false,
      details: { reason: 'spawn_failed', errno: 'ENOENT', program: 'no-such-program-hpckit' },
    });
  });

  it('kill just the command on a timeout or abort: the helper lives on and runs the next', async () => {
    // One helper: the next command waits for it, so it shows whether the helper survived.
    const t = transport({ timeoutMs: 300, helperShells: 1 });
    const pid = await helperPid(t);
    const marker = join(mkdtempSync(join(tmpdir(), 'hpckit-helper-')), 'pid');
    const slow = await rejection(t.exec({ argv: sh(`echo $$ > ${marker}; exec sleep 30`) }));
    expect(slow).toMatchObject({ code: 'TIMEOUT' });
    const sleeper = execFileSync('cat', [marker], { encoding: 'utf8' }).trim();
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(sleeper)).toBe(false);
    expect(await helperPid(t)).toBe(pid);

    const controller = new AbortController();
    const aborted = t.exec({ argv: ['sleep', '30'], signal: controller.signal, timeoutMs: 60_000 });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    expect(await rejection(aborted)).toMatchObject({ message: 'stop' });
    expect(await helperPid(t)).toBe(pid);
    expect((await t.exec({ argv: ['echo', 'ok'] })).stdout).toBe('ok\n');
  });

  it('stop a command past the output limit and keep serving', async () => {
    const t = transport({ maxOutputBytes: 10_000, helperShells: 1 });
    const pid = await helperPid(t);
    const err = await rejection(t.exec({ argv: sh('while :; do echo yyyyyyyyyyyyyyyyyyyy; done') }));
    expect(err).toMatchObject({ code: 'TRANSPORT', details: { reason: 'output_limit', limit: 10_000 } });
    expect(await helperPid(t)).toBe(pid);
  });

  it('fail a command whose helper dies under it with a typed error, and start a new helper next', async () => {
    const t = transport();
    const pid = await helperPid(t);
    const err = await rejection(t.exec({ argv: sh('echo partial >&2; kill -KILL $PPID; sleep 5') }));
    expect(err).toMatchObject({
      code: 'TRANSPORT',
      retryable: true,
      details: { reason: 'helper_shell_exited', program: '/bin/sh' },
    });
    expect((err as Error).message).toMatch(/helper shell running \/bin\/sh ended/);
    const next = await helperPid(t);
    expect(next).not.toBe(pid);
    expect(alive(pid)).toBe(false);
  });

  it('run concurrent commands on at most helperShells shells, each answer its own', async () => {
    const t = transport({ helperShells: 3 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.exec({ argv: sh(`sleep 0.05; echo "$PPID $1"`, String(i)) })),
    );
    expect(results.map((r) => r.stdout.trim().split(' ')[1])).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i)),
    );
    const helpers = new Set(results.map((r) => r.stdout.split(' ')[0]));
    expect(helpers.size).toBeGreaterThan(1);
    expect(helpers.size).toBeLessThanOrEqual(3);
    expect(t.stats()).toMatchObject({ calls: 12, failures: 0, inFlight: 0 });
  });

  it('end with close(), and start again for a later command', async () => {
    const t = transport();
    const pid = await helperPid(t);
    await t.close();
    expect(alive(pid)).toBe(false);
    expect((await t.exec({ argv: ['echo', 'again'] })).stdout).toBe('again\n');
  });

  it('fall back to spawning for a user whose helper is refused (a switch that runs no shell)', async () => {
    // A stand-in for sudo that prints its arguments and exits: it never runs the helper's bash.
    const fake = join(mkdtempSync(join(tmpdir(), 'hpckit-switch-')), 'sudo');
    writeFileSync(fake, '#!/bin/sh\nprintf "%s\\n" "$@"\n');
    chmodSync(fake, 0o755);
    const t = transport({ actAs: { mode: 'sudo', sudo: fake, minUid: 0 }, helperShell: 'all' });
    for (let i = 0; i < 2; i++) {
      const r = await t.exec({ argv: ['squeue', '--me'], user: 'nobody' });
      expect(r.stdout.split('\n')).toEqual(['-n', '-u', 'nobody', '--', 'squeue', '--me', '']);
    }
  });

  it('hold no event-loop reference while idle: a script that never closes its transport exits', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const code = `import { localTransport } from ${JSON.stringify(join(here, '..', 'local.ts'))};
      const t = localTransport();
      const r = await t.exec({ argv: ['echo', 'done'] });
      console.log(r.stdout.trim());`;
    const argv = ['--import', 'tsx', '--conditions=@hpckit/source', '--input-type=module', '-e', code];
    const out = execFileSync(process.execPath, argv, {
      encoding: 'utf8',
      timeout: 15_000,
      cwd: join(here, '..', '..', '..', '..'),
    });
    expect(out.trim()).toBe('done');
  });

  it('carry any argv and stdin exactly (property, real bash)', async () => {
    const t = transport();
    const text = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { maxLength: 5 }), text, async (words, stdin) => {
        const r = await t.exec({ argv: sh('for w; do printf "%s\\036" "$w"; done; cat', ...words), stdin });
        expect(r).toEqual({
          stdout: `${words.map((w) => `${w}\x1e`).join('')}${stdin}`,
          stderr: '',
          exitCode: 0,
        });
      }),
      { numRuns: 60 },
    );
  });
});
