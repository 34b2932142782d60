import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, isHpckitError, type ValidationError } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { configIssueLocations, loadConfig, openCluster } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'hpckit-site-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(text: string) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

function refusal(file: string): ValidationError {
  try {
    loadConfig(file);
  } catch (err) {
    if (isHpckitError(err, 'VALIDATION')) return err;
    throw err;
  }
  throw new Error('the config was accepted');
}

const ssh = (more: string) => `clusters:
  hpc:
    adapter: slurm
    transport:
      kind: ssh
      host: 127.0.0.1
      credentials: { username: portal, privateKeyPath: keys/portal }
      actAs: { mode: credentials }
${more}`;

describe('a site config', () => {
  it("resolves each user's key path against the file, keeping {user}", () => {
    const { config } = loadConfig(write(ssh('      userKeyPath: keys/{user}_ed25519\n')));
    expect(config.clusters.hpc?.transport).toMatchObject({
      userKeyPath: join(dir, 'keys/{user}_ed25519'),
      credentials: { privateKeyPath: join(dir, 'keys/portal') },
    });
  });

  it('refuses a userKeyPath without {user} at its line and column, in English and Chinese', () => {
    const err = refusal(write(ssh('      userKeyPath: keys/alice_ed25519\n')));
    expect(configIssueLocations(err)).toEqual([{ line: 9, column: 20 }]);
    expect(formatError(err)).toContain('names no "{user}"');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('没有 "{user}"');
  });

  it('opens per-user files for actAs credentials: each user logs in with their own key', async () => {
    const { config } = loadConfig(write(ssh('      userKeyPath: keys/{user}_ed25519\n')));
    const open = openCluster(config, undefined, undefined);
    // Opening a file system connects lazily: nothing is dialled until it is used.
    expect(open.files('alice').user).toBe('alice');
    expect(open.files('bob').user).toBe('bob');
    await open.close();
  });
});
