import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, isHpckitError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { localFileSystem } from '../fs/local-file-system.js';
import { fileSystemShell, type FileSystemShellOptions } from './file-system-shell.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** alice's and carol's homes in one directory, owned by this process as on the embedded portal. */
function homes() {
  const root = mkdtempSync(join(tmpdir(), 'hpckit-fs-shell-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const alice = join(root, 'alice');
  const carol = join(root, 'carol');
  mkdirSync(join(alice, 'run 1'), { recursive: true });
  mkdirSync(carol);
  writeFileSync(join(alice, 'run 1', 'out.txt'), 'energy -42.5\n');
  writeFileSync(join(alice, '.hidden'), '');
  writeFileSync(join(carol, 'secret.txt'), 'carol only\n');
  return { root, alice, carol, files: localFileSystem({ home: alice, user: 'alice', confine: true }) };
}

/** A shell and what it printed, with a helper that types a line and waits for the next prompt. */
async function open(options: Partial<FileSystemShellOptions> = {}) {
  const h = homes();
  const shell = await fileSystemShell({ files: h.files, ...options });
  let screen = '';
  shell.output.on('data', (b: Buffer) => {
    screen += b.toString('utf8');
  });
  const prompts = () => screen.split(/alice@hpckit:[^$]*\$ /).length - 1;
  const idle = async (count: number) => {
    await expect.poll(prompts, { timeout: 2000, interval: 5 }).toBeGreaterThanOrEqual(count);
  };
  await idle(1);
  /** Types `keys` and returns what the shell printed up to its next prompt. */
  const type = async (keys: string | Uint8Array) => {
    const before = screen.length;
    const n = prompts();
    shell.write(keys);
    await idle(n + 1);
    return screen.slice(before).replace(/alice@hpckit:[^$]*\$ $/, '');
  };
  return { ...h, shell, type, screen: () => screen };
}

describe('fileSystemShell', () => {
  it('runs its commands over the user files, with a prompt that shows the directory', async () => {
    const s = await open();
    expect(s.screen()).toBe('alice@hpckit:~$ ');
    expect(await s.type('pwd\r')).toBe(`pwd\r\n${s.alice}\r\n`);
    expect(await s.type('whoami\r')).toBe('whoami\r\nalice\r\n');
    expect(await s.type('ls\r')).toBe('ls\r\nrun 1/\r\n');
    expect(await s.type('ls -a\r')).toMatch(/\.hidden\s+run 1\//);
    expect(await s.type("cd 'run 1'\r")).toBe("cd 'run 1'\r\n");
    expect(s.screen().endsWith('alice@hpckit:~/run 1$ ')).toBe(true);
    expect(await s.type('cat out.txt\r')).toBe('cat out.txt\r\nenergy -42.5\r\n');
    expect(await s.type('echo "a  b" c\r')).toBe('echo "a  b" c\r\na  b c\r\n');
    expect(await s.type('cd\r')).toBe('cd\r\n');
    expect(s.screen().endsWith('alice@hpckit:~$ ')).toBe(true);
    // Nothing is a program: what a real shell would run is an unknown command here.
    expect(await s.type('rm -rf ~\r')).toMatch(/rm: command not found; type help/);
    expect(await s.type('help\r')).toMatch(/pwd, cd \[dir\], ls/);
    s.shell.write('exit 3\r');
    expect(await s.shell.exited).toEqual({ code: 3, signal: undefined });
    expect((s.shell.output as unknown as { writableEnded: boolean }).writableEnded).toBe(true);
  });

  it('speaks Chinese, the errors of the file system included', async () => {
    const s = await open({ locale: 'zh-CN' });
    expect(await s.type('nope\r')).toMatch(/nope：找不到命令/);
    expect(await s.type('cat missing.txt\r')).toMatch(/^cat missing\.txt\r\ncat: .*[\u4e00-\u9fff]/);
    expect(await s.type('exit x\r')).toMatch(/退出码应为 0 到 255/);
  });

  it('keeps every path inside the home: .., absolute paths, another home, a planted link', async () => {
    const s = await open();
    symlinkSync(join(s.carol, 'secret.txt'), join(s.alice, 'link-out'));
    symlinkSync(s.carol, join(s.alice, 'dir-out'));
    for (const line of [
      'cd ..',
      'cd ../carol',
      `cd ${s.carol}`,
      'cd /',
      'cat ../carol/secret.txt',
      `cat ${join(s.carol, 'secret.txt')}`,
      'cat /etc/passwd',
      'ls /',
      'ls ..',
      'cat link-out',
      'cd dir-out',
      'ls dir-out',
    ]) {
      const said = await s.type(`${line}\r`);
      expect(said, line).toMatch(/(outside|climbs|leads outside)/);
      expect(said, line).not.toContain('carol only');
      expect(s.screen().endsWith('alice@hpckit:~$ '), line).toBe(true);
    }
    // A link inside the home is followed, a NUL in a path is refused.
    symlinkSync(join(s.alice, 'run 1'), join(s.alice, 'runs'));
    expect(await s.type('cat runs/out.txt\r')).toMatch(/energy/);
    // A NUL typed is a control byte: dropped by the line editor, it never reaches a path.
    expect(await s.type('cat "a\0b"\r')).toMatch(/^cat "ab"\r\ncat: .*\/ab/);
    await expect(fileSystemShell({ files: s.files, cwd: '../carol' })).rejects.toSatisfy(
      (err: unknown) => isHpckitError(err) && err.code === 'VALIDATION',
    );
    await expect(fileSystemShell({ files: s.files, cwd: 'dir-out' })).rejects.toSatisfy(
      (err: unknown) => isHpckitError(err) && /leads outside/.test(err.message),
    );
    const inRun = await fileSystemShell({ files: s.files, cwd: 'run 1' });
    expect(inRun.cwd).toBe(join(s.alice, 'run 1'));
    await inRun.close();
  });

  it('edits the line: backspace, ^C, and drops control bytes and escape sequences', async () => {
    const s = await open();
    expect(await s.type('echp\x7fo hi\r')).toBe('echp\b \bo hi\r\nhi\r\n');
    expect(await s.type('echo lost\x03')).toBe('echo lost^C\r\n');
    // Arrow keys, a window-title sequence, a bell, a tab, ^U and a C1 code never reach the line.
    const said = await s.type('ec\x1b[A\x1b[1;5Dho\x1b]0;pwned\x07 \x07\t\x15\u009bok\r');
    expect(said).toBe('echo ok\r\nok\r\n');
    // A file whose content and name try to drive the terminal is shown with ^X.
    writeFileSync(join(s.alice, 'evil\x1b[2Jname'), 'a\x1b]0;title\x07b\tc\n');
    expect(await s.type('ls\r')).toContain('evil^[[2Jname');
    // A glob is a plain name; an escape sequence typed into a name is dropped from it.
    expect(await s.type('cat evil*\r')).toMatch(/^cat evil\*\r\ncat: .*evil\*/);
    expect(await s.type("cat 'evil\x1b[2Jname'\r")).toMatch(/^cat 'evilname'\r\ncat: .*evilname/);
    writeFileSync(join(s.alice, 'term.txt'), 'a\x1b]0;title\x07b\tc\n');
    expect(await s.type('cat term.txt\r')).toBe('cat term.txt\r\na^[]0;title^Gb\tc\r\n');
    writeFileSync(join(s.alice, 'bin'), Buffer.from([1, 0, 2]));
    expect(await s.type('cat bin\r')).toMatch(/bin: not a text file, not shown/);
  });

  it('bounds a huge line and a huge file, and decodes characters split across writes', async () => {
    const s = await open({ maxLineLength: 100, catBytes: 1000 });
    const said = await s.type(`echo ${'x'.repeat(1_000_000)}\r`);
    expect(said).toBe(`echo ${'x'.repeat(95)}\x07\r\n${'x'.repeat(95)}\r\n`);
    writeFileSync(join(s.alice, 'big.txt'), 'y'.repeat(5000));
    const big = await s.type('cat big.txt\r');
    expect(big).toContain(`${'y'.repeat(1000)}\r\n(only the first 1000 bytes are shown)`);
    const bytes = Buffer.from('echo 你好\r');
    s.shell.write(bytes.subarray(0, 7));
    expect(await s.type(bytes.subarray(7))).toMatch(/你好\r\n你好\r\n$/);
  });

  it('resizes within 1–1000 and says its size; closing hangs it up', async () => {
    const s = await open({ rows: 30, cols: 100 });
    expect(await s.type('stty size\r')).toBe('stty size\r\n30 100\r\n');
    s.shell.resize(50, 132);
    expect(await s.type('stty size\r')).toBe('stty size\r\n50 132\r\n');
    expect(() => s.shell.resize(0, 80)).toThrow(/terminal size/);
    expect(() => s.shell.resize(24, 1001)).toThrow(/1000/);
    expect(await s.shell.close()).toEqual({ code: undefined, signal: 'HUP' });
    s.shell.write('echo after\r');
    expect(s.screen()).not.toContain('after');
    // ^D on an empty line ends a shell too.
    const other = await fileSystemShell({ files: s.files });
    other.write('\x04');
    expect(await other.exited).toEqual({ code: 0, signal: undefined });
  });

  it('refuses bad options with a typed error saying what was wrong', async () => {
    const { files } = homes();
    for (const bad of [
      { files: {} },
      { files, rows: 0 },
      { files, cols: 2.5 },
      { files, host: 'a b; rm' },
      { files, extra: 1 },
    ]) {
      await expect(fileSystemShell(bad as FileSystemShellOptions)).rejects.toSatisfy(
        (err: unknown) => isHpckitError(err) && /file system shell options/.test(err.message),
      );
    }
    const host = await fileSystemShell({ files, host: 'a b; rm' }).catch((err: Error) => err);
    expect(formatError(host, { locale: 'zh-CN' })).toMatch(/"host".*主机名应为/);
  });
});
