import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHpckitError } from '@hpckit/core';
import { formatConfigError } from '@hpckit/site';
import { afterAll, describe, expect, it } from 'vitest';
import { openFromConfig } from '../src/open-config.js';

const dir = mkdtempSync(join(tmpdir(), 'hpckit-portal-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = 'x'.repeat(40);

// A site on the mock and SQLite: the portal's section is what these tests vary.
const config = (secret: string) => `clusters:
  hpc:
    adapter: mock
    site: ikkem
    homes: ./homes
ledger:
  sqlite: ./ledger.db
portal:
  secret: ${secret}
  authenticator:
    kind: development-unsafe
    users: { alice: alice }
`;

function write(name: string, text: string, mode = 0o644) {
  const file = join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

async function refusal(file: string, env: NodeJS.ProcessEnv = {}) {
  const err = await openFromConfig(file, { env }).then(
    async (site) => {
      await site.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  if (!isHpckitError(err, 'VALIDATION')) throw new Error(`expected a refusal, got ${String(err)}`);
  return formatConfigError(err, { file })!;
}

describe('the portal opened from a config file', () => {
  it('opens the services of the site, the secret read from the environment', async () => {
    const site = await openFromConfig(write('ok.yaml', config('{ env: SECRET }')), { env: { SECRET } });
    expect(site.services.secret).toBe(SECRET);
    expect(site.services.cluster).toBe('hpc');
    expect(await site.services.authenticator.authenticate({ name: 'alice', password: '' })).toBe('alice');
    expect(site.portal.listen).toEqual({ host: '127.0.0.1', port: 3000 });
    await site.close();
  });

  it('refuses a secret in a config file others can read, at its line and column', async () => {
    const words = await refusal(write('open.yaml', config(`{ value: ${SECRET} }`)));
    expect(words).toMatch(/open\.yaml:9:20: .*can be read by others \(mode 644\): chmod 600 it/);
    // The same file readable by its owner only is accepted.
    const site = await openFromConfig(write('closed.yaml', config(`{ value: ${SECRET} }`), 0o600));
    expect(site.services.secret).toBe(SECRET);
    await site.close();
  });

  it('refuses an unset variable, a short secret, an open secret file and two sources', async () => {
    expect(await refusal(write('unset.yaml', config('{ env: NOPE }')))).toMatch(/:9:18: .*NOPE is not set/);
    expect(await refusal(write('short.yaml', config('{ env: S }')), { S: 'short' })).toMatch(
      /shorter than 32 characters/,
    );
    write('secret', SECRET, 0o644);
    expect(await refusal(write('file.yaml', config('{ file: ./secret }')))).toMatch(
      /:9:19: .*secret file can be read by others/,
    );
    expect(await refusal(write('two.yaml', config('{ file: ./secret, env: S }')), { S: SECRET })).toMatch(
      /:9:11: .*exactly one of "file", "env" or "value"/,
    );
  });
});
