import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AppConnectJsonSchema,
  EXIT_CODES,
  FileListJsonSchema,
  FileTransferJsonSchema,
  JobJsonSchema,
} from '../src/index.js';
import { inProcess } from './support/in-process.js';
import { configDir, hpckit, MOCK_CONFIG } from './support/run-hpckit.js';

// The mock with `homes`: users' files and jobs' output live in a directory of this machine.
const HOMES_CONFIG = MOCK_CONFIG.replace(
  '    clockScale: 3600\n',
  '    clockScale: 3600\n    homes: ./homes\n',
);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('hpckit files, on the mock', { timeout: 60_000 }, () => {
  it('puts, lists, moves, gets and removes a file of the acting user, as processes', async () => {
    const dir = configDir(HOMES_CONFIG);
    const content = `temperature,energy\n300,-12.5\n${'x'.repeat(1000)}\n`;
    writeFileSync(join(dir, 'input.csv'), content);
    const put = await hpckit(['--as', 'ali', '--json', 'files', 'put', 'input.csv', 'run-1.csv'], dir);
    expect(put.code, put.stderr).toBe(0);
    expect(FileTransferJsonSchema.parse(JSON.parse(put.stdout))).toEqual({
      done: 'put',
      from: join(dir, 'input.csv'),
      to: join(dir, 'homes', 'alice', 'run-1.csv'),
      bytes: Buffer.byteLength(content),
    });

    const ls = await inProcess(['--as', 'ali', '--json', 'files', 'ls'], dir);
    const listed = FileListJsonSchema.parse(JSON.parse(ls.stdout));
    expect(listed.entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['run-1.csv', 'file', Buffer.byteLength(content)],
    ]);
    expect((await inProcess(['--as', 'ali', 'files', 'mv', 'run-1.csv', 'kept.csv'], dir)).code).toBe(0);

    const get = await hpckit(['--as', 'ali', 'files', 'get', 'kept.csv', 'back.csv'], dir);
    expect(get.code, get.stderr).toBe(0);
    expect(readFileSync(join(dir, 'back.csv'), 'utf8')).toBe(content);
    // Without --overwrite an existing local file is kept: refused, exit 3.
    const again = await inProcess(['--as', 'ali', 'files', 'get', 'kept.csv', 'back.csv'], dir);
    expect(again.code).toBe(EXIT_CODES.refused);

    expect((await inProcess(['--as', 'ali', 'files', 'rm', 'kept.csv'], dir)).code).toBe(0);
    expect(readdirSync(join(dir, 'homes', 'alice'))).toEqual([]);
    const gone = await inProcess(['--as', 'ali', 'files', 'rm', 'kept.csv'], dir);
    expect(gone.code).toBe(EXIT_CODES.notFound);
    expect(gone.stderr).toContain('kept.csv');
  });

  it('refuses a path climbing out of the home, in Chinese with --lang, and names the fix', async () => {
    const run = await hpckit(
      ['--as', 'ali', '--lang', 'zh-CN', 'files', 'ls', '../bob'],
      configDir(HOMES_CONFIG),
    );
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toContain('../bob');
    expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
    const en = await inProcess(['--as', 'ali', 'files', 'get', '../bob/secret'], configDir(HOMES_CONFIG));
    expect(en.code).toBe(EXIT_CODES.refused);
    expect(en.stderr).toMatch(/climbs above the home directory .*absolute path/);
  });

  it('a mock without homes says where to add them', async () => {
    const run = await inProcess(['--lang', 'zh-CN', 'files', 'ls'], configDir(MOCK_CONFIG));
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toContain('homes: ./homes');
  });

  it('homes on a Slurm cluster is refused at its line: its files are on the cluster', async () => {
    const dir = configDir('clusters:\n  hpc:\n    adapter: slurm\n    homes: ./homes\n');
    const run = await inProcess(['files', 'ls'], dir);
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toMatch(/^hpckit\.yaml:4:12: .*clusters\.hpc\.homes.*for the mock only/);
  });

  it("a job's output file is in the user's home, as on a cluster", async () => {
    const dir = configDir(HOMES_CONFIG);
    const submit = await inProcess(
      ['--as', 'ali', '--json', 'jobs', 'submit', '-t', '1h', '--wait', '--', 'echo energy -12.5'],
      dir,
    );
    expect(submit.code, submit.stderr).toBe(0);
    const { id } = JobJsonSchema.parse(JSON.parse(submit.stdout));
    const out = await inProcess(['--as', 'ali', 'files', 'get', `slurm-${id}.out`, 'job.out'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(join(dir, 'job.out'), 'utf8')).toBe('energy -12.5\n');
  });
});

describe('hpckit apps, on the mock', { timeout: 60_000 }, () => {
  it('creates a JupyterLab session and, with --wait, prints the URL that opens it (a process)', async () => {
    const dir = configDir(HOMES_CONFIG);
    const run = await hpckit(
      ['--as', 'ali', '--json', 'apps', 'create', 'jupyter-lab', 'hours=2', '--wait'],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    const session = AppConnectJsonSchema.parse(JSON.parse(run.stdout));
    expect(session).toMatchObject({ appId: 'jupyter-lab', user: 'alice', cluster: 'hpc' });
    expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/lab\?token=[0-9a-f]{32,}$/);
    expect(session.tunnel).toBeUndefined();
    // The session's files are where the job wrote them: under the user's home.
    expect(session.directory.startsWith(join(dir, 'homes', 'alice', '.hpckit', 'apps'))).toBe(true);
    expect(existsSync(session.directory)).toBe(true);
  });

  it('refuses a bad form field before submitting: exit 3, in English and Chinese', async () => {
    const dir = configDir(HOMES_CONFIG);
    const en = await inProcess(['--as', 'ali', 'apps', 'create', 'jupyter-lab', 'hours=many'], dir);
    expect(en.code).toBe(EXIT_CODES.refused);
    expect(en.stderr).toMatch(/form\.hours.*number/);
    const zh = await inProcess(
      ['--as', 'ali', '--lang', 'zh-CN', 'apps', 'create', 'jupyter-lab', 'hours'],
      dir,
    );
    expect(zh.code).toBe(EXIT_CODES.refused);
    expect(zh.stderr).toMatch(/名称=值/);
    const missing = await inProcess(['--as', 'ali', 'apps', 'connect', '4242'], dir);
    expect(missing.code).toBe(EXIT_CODES.notFound);
  });
});

describe('hpckit --version', { timeout: 60_000 }, () => {
  it("prints the package's version (a process)", async () => {
    const run = await hpckit(['--version'], configDir(MOCK_CONFIG));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });
});
