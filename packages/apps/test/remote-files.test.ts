/**
 * Session files over `@hpckit/remote`'s file system (the local one here; SFTP shares its
 * contract): the adapter keeps directories 0700 and files 0600.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFileSystem } from '@hpckit/remote';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystemSessionFiles, sessionDirectory } from '../src/index.js';

const home = mkdtempSync(join(tmpdir(), 'hpckit-apps-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('fileSystemSessionFiles over localFileSystem', () => {
  const files = fileSystemSessionFiles(localFileSystem({ home }));

  it('creates private session directories and files', async () => {
    const dir = sessionDirectory(await files.home(), 'jupyter-notebook', 'abc');
    await files.mkdir(dir);
    await files.writeFile(`${dir}/session.json`, '{"id":"abc"}');
    expect(await files.readFile(`${dir}/session.json`)).toBe('{"id":"abc"}');
    expect(await files.exists(`${dir}/session.json`)).toBe(true);
    expect(await files.exists(`${dir}/connection.json`)).toBe(false);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(`${dir}/session.json`).mode & 0o777).toBe(0o600);
  });

  it('reports a missing file with a typed error', async () => {
    await expect(files.readFile(`${home}/nope.json`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
