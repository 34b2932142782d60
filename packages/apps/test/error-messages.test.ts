/**
 * The apps package's refusals are worded by core's catalogue from their facts: the same facts read
 * in English and in Simplified Chinese, and the command's own words are kept.
 */
import { formatError, type HpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { type CommandRunner, commandSessionFiles, createAppRegistry } from '../src/index.js';

const HAN = /\p{Script=Han}/u;

function caught(run: () => unknown): HpckitError {
  try {
    run();
  } catch (err) {
    return err as HpckitError;
  }
  throw new Error('expected a throw');
}

function failing(stderr: string, home = '/home/alice\n'): CommandRunner {
  return {
    async exec({ argv }) {
      if (argv[0] === 'printenv') return { stdout: home, stderr: home ? '' : stderr, exitCode: home ? 0 : 1 };
      return { stdout: '', stderr, exitCode: 1 };
    },
  };
}

describe('app errors, in English and in Chinese', () => {
  it('an unregistered app lists the known ones', () => {
    const err = caught(() => createAppRegistry({ builtins: false, apps: [] }).get('rstudio'));
    expect(err).toMatchObject({ code: 'NOT_FOUND', details: { kind: 'app', id: 'rstudio', known: [] } });
    expect(formatError(err)).toBe(
      'No app "rstudio" is registered (known: none). Add it with registry.add(definition), or pick one of the known ids.',
    );
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      '未注册应用“rstudio”（已注册：无）。请用 registry.add(definition) 注册它，或选择已注册的应用编号。',
    );
  });

  it('an app registered twice', () => {
    const registry = createAppRegistry({ builtins: false });
    const app = { id: 'my-app', name: 'Mine', kind: 'web', script: 'true', connect: { path: '/' } } as const;
    registry.add(app);
    const err = caught(() => registry.add(app));
    expect(err.code).toBe('ALREADY_EXISTS');
    expect(formatError(err)).toBe(
      'An app "my-app" is already registered. Choose another id, or pass { replace: true } to replace it.',
    );
    expect(formatError(err, { locale: 'zh-CN' })).toBe(
      '应用“my-app”已注册。请换一个编号，或传入 { replace: true } 替换它。',
    );
  });

  it("a failed file command keeps the command's words", async () => {
    const stderr = 'mkdir: cannot create directory ‘/root/x’: Permission denied\n';
    const err = await commandSessionFiles(failing(stderr), 'alice')
      .mkdir('/root/x')
      .then(
        () => expect.unreachable(),
        (e: HpckitError) => e,
      );
    expect(err).toMatchObject({
      code: 'TRANSPORT',
      details: { reason: 'file_command_failed', operation: 'mkdir /root/x', stderr, user: 'alice' },
    });
    expect(formatError(err)).toBe(
      'Could not mkdir /root/x: mkdir: cannot create directory ‘/root/x’: Permission denied. Check the path and its permissions for the user; the message above is the command’s own.',
    );
    const zh = formatError(err, { locale: 'zh-CN' });
    expect(zh).toBe(
      '无法创建目录 /root/x：mkdir: cannot create directory ‘/root/x’: Permission denied。请检查该路径及用户对它的权限；上面的消息是该命令自己的输出。',
    );
  });

  it('a home directory that cannot be found names the user', async () => {
    const err = await commandSessionFiles(failing('printenv: no HOME\n', ''), 'alice')
      .home()
      .then(
        () => expect.unreachable(),
        (e: HpckitError) => e,
      );
    expect(err).toMatchObject({ code: 'TRANSPORT', details: { reason: 'home_unknown', user: 'alice' } });
    expect(err.message).toContain('Could not find the home directory of "alice": printenv: no HOME.');
    expect(formatError(err, { locale: 'zh-CN' })).toMatch(HAN);
    expect(formatError(err, { locale: 'zh-CN' })).toContain('找不到用户“alice”的主目录：printenv: no HOME。');
  });
});
