/**
 * Configuration mistakes are configuration errors: VALIDATION naming the option (and the file),
 * in English and Chinese, never INTERNAL or a transport failure that reads like the network's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, isHpckitError, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { type SshTransportOptions, sshTransport } from './ssh.js';

const dir = mkdtempSync(join(tmpdir(), 'hpckit-config-'));
const knownHosts = join(dir, 'known_hosts');
writeFileSync(knownHosts, '# no hosts yet\n');

const base: SshTransportOptions = {
  host: '127.0.0.1',
  port: 1,
  credentials: { username: 'portal', password: 'x' },
  hostKey: { knownHosts: [knownHosts] },
  connectAttempts: 1,
};

async function configError(run: () => unknown): Promise<ValidationError> {
  let caught: unknown;
  try {
    await run();
  } catch (err) {
    caught = err;
  }
  expect(isHpckitError(caught, 'VALIDATION'), String(caught)).toBe(true);
  return caught as ValidationError;
}

async function onFirstCommand(options: Partial<SshTransportOptions>): Promise<ValidationError> {
  const t = sshTransport({ ...base, ...options });
  try {
    return await configError(() => t.exec({ argv: ['true'] }));
  } finally {
    await t.close();
  }
}

const pathOf = (err: ValidationError) => err.details.issues.map((i) => i.path.join('.'));
// The subject ("SSH transport options") is a name; what follows it must be Chinese.
const noEnglishSentence = (text: string) =>
  expect(
    text.replace(/^[^：]*无效/, '').replace(/"[^"]*"|'[^']*'|“[^”]*”|\([^)]*\)|\/\S+/g, ' '),
  ).not.toMatch(/[A-Za-z]+(?: [A-Za-z]+){2,}/);

describe('configuration mistakes of the SSH transport', () => {
  it('a missing private key file names the option and the path', async () => {
    const err = await onFirstCommand({
      credentials: { username: 'portal', privateKeyPath: join(dir, 'nokey') },
    });
    expect(err.details.reason).toBe('unreadable_key_file');
    expect(err.details.path).toBe(join(dir, 'nokey'));
    expect(pathOf(err)).toEqual(['credentials.privateKeyPath']);
    expect(err.message).toContain(`no private key file at ${join(dir, 'nokey')}`);
    const zh = formatError(err, { locale: 'zh-CN' });
    expect(zh).toContain(`${join(dir, 'nokey')} 处没有私钥文件`);
    noEnglishSentence(zh);
  });

  it('an unreadable private key file (a directory) says why', async () => {
    const err = await onFirstCommand({ credentials: { username: 'portal', privateKeyPath: dir } });
    expect(err.details.reason).toBe('unreadable_key_file');
    expect(err.message).toContain(`the private key file ${dir} cannot be read (EISDIR)`);
    noEnglishSentence(formatError(err, { locale: 'zh-CN' }));
  });

  it('known_hosts files that cannot be read are a configuration error, before connecting', async () => {
    const missing = join(dir, 'no_known_hosts');
    const err = await onFirstCommand({ hostKey: { knownHosts: [missing] } });
    expect(err.details.reason).toBe('unreadable_known_hosts');
    expect(pathOf(err)).toEqual(['hostKey.knownHosts']);
    expect(err.message).toContain(missing);
    expect(err.hint).toContain('ssh-keyscan');
    noEnglishSentence(formatError(err, { locale: 'zh-CN' }));
  });

  it('a host name that does not resolve names the "host" option', async () => {
    const err = await onFirstCommand({ host: 'no-such-host.invalid' });
    expect(err.details.reason).toBe('unknown_host');
    expect(pathOf(err)).toEqual(['host']);
    expect(err.message).toContain('the host name no-such-host.invalid does not resolve');
    noEnglishSentence(formatError(err, { locale: 'zh-CN' }));
  });

  it('unknown options and out-of-range values are refused when the transport is made', async () => {
    const unknown = await configError(() => sshTransport({ ...base, hots: 'x' } as never));
    expect(unknown.message).toContain('hots');
    const port = await configError(() => sshTransport({ ...base, port: 70_000 }));
    expect(pathOf(port)).toEqual(['port']);
  });
});
