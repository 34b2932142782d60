import { describe, expect, it } from 'vitest';
import {
  EXIT_CODES,
  ErrorJsonSchema,
  JobJsonSchema,
  CheckJsonSchema,
  QuoteJsonSchema,
} from '../src/index.js';
import { configDir, hpckit, MOCK_CONFIG } from './support/run-hpckit.js';
import { inProcess } from './support/in-process.js';

// Each test runs `hpckit` as a real process, against the mock scheduler and a SQLite ledger.
// One process at a time, each given a minute: a process compiles the sources through tsx, and the
// machine running the suite may be busy.
describe('hpckit as a process, on the mock', { timeout: 60_000 }, () => {
  it('submits a job, shows its progress on stderr and exits 0 when it completes (--as maps through users)', async () => {
    const dir = configDir(MOCK_CONFIG);
    const run = await hpckit(
      [...'--as ali --json jobs submit -A electroplating -p cpu -c 4 -t 2h --wait -- sleep 1h'.split(' ')],
      dir,
    );
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    const job = JobJsonSchema.parse(JSON.parse(run.stdout));
    expect(job).toMatchObject({
      user: 'alice',
      account: 'electroplating',
      outcome: 'completed',
      elapsedSeconds: 3600,
    });
    expect(run.stderr).toMatch(new RegExp(`^${job.id} (queued|running)`, 'm'));
    expect(run.stderr).toMatch(new RegExp(`^${job.id} completed`, 'm'));
  });

  it('exits 1 (failed) when the waited job fails, with its exit code in the JSON', async () => {
    const run = await hpckit(
      [...'--as alice --json jobs submit -A ai4ec -t 1h --wait --'.split(' '), 'sleep 10m; exit 3'],
      configDir(MOCK_CONFIG),
    );
    expect(run.code).toBe(EXIT_CODES.failed);
    expect(JobJsonSchema.parse(JSON.parse(run.stdout))).toMatchObject({ outcome: 'failed', exitCode: 3 });
  });

  it('refuses a job the site policy forbids before it reaches the scheduler: exit 3, in Chinese with --lang', async () => {
    const run = await hpckit(
      ['--lang', 'zh-CN', '--json', 'check', '-p', 'gpu', '-G', '2', '-c', '64', '--', 'train'],
      configDir(MOCK_CONFIG),
    );
    expect(run.code).toBe(EXIT_CODES.refused);
    const check = CheckJsonSchema.parse(JSON.parse(run.stdout));
    expect(check.ok).toBe(false);
    expect(check.violations.length).toBeGreaterThan(0);
    expect(check.violations[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('quotes a job from the site price table, exactly (decimal strings)', async () => {
    const run = await hpckit(
      ['--json', 'quote', '-p', 'cpu', '-c', '64', '-t', '48h', '--', 'run'],
      configDir(MOCK_CONFIG),
    );
    expect(run.code, run.stderr).toBe(0);
    const quote = QuoteJsonSchema.parse(JSON.parse(run.stdout));
    // The ikkem internal CPU rate is 0.06 per core-hour: 64 cores × 48 h.
    expect(quote).toMatchObject({
      maximum: '184.32',
      currency: 'CNY',
      partition: 'cpu',
      timeLimitSeconds: 172_800,
    });
  });

  it('a job that does not exist is exit 4 (not found)', async () => {
    const run = await hpckit(['jobs', 'show', '424242'], configDir(MOCK_CONFIG));
    expect(run.code).toBe(EXIT_CODES.notFound);
    expect(run.stderr).toContain('424242');
  });

  it('a cluster that cannot be reached is exit 5 (unavailable), and its password is never printed', async () => {
    const dir = configDir(`clusters:
  far:
    adapter: slurm
    transport:
      kind: ssh
      host: 127.0.0.1
      port: 1
      connectAttempts: 1
      readyTimeoutMs: 2000
      hostKey: { trustOnFirstUse: true }
      credentials: { username: portal, password: "pa55-w0rd-secret" }
`);
    const run = await hpckit(['--json', 'jobs', 'list'], dir);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT_CODES.unavailable);
    expect(ErrorJsonSchema.parse(JSON.parse(run.stdout)).error.kind).toBe('unavailable');
    expect(run.stdout + run.stderr).not.toContain('pa55-w0rd-secret');
  });
});

const BAD_CONFIG = `clusters:
  hpc:
    adapter: slurm
    site: ikkem
    transport:
      kind: ssh
      host: login1
      credentials:
        username: portal
        password: 12
  lab:
    adapter: mock
    sight: ikkem
ledger:
  postgres: postgres://hpckit:s3cr3t-db-pw@127.0.0.1:5433/hpckit_test
  sqlite: x.db
`;
const bad = BAD_CONFIG;

describe('config file errors, as a process', { timeout: 60_000 }, () => {
  it('points at each wrong line and column and says how to fix it, in English', async () => {
    const run = await hpckit(['jobs', 'list'], configDir(bad));
    expect(run.code).toBe(EXIT_CODES.refused);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^hpckit\.yaml:13:5: .*clusters\.lab.*"sight"/),
      expect.stringMatching(/^hpckit\.yaml:15:3: .*exactly one of "sqlite" \(a file\) or "postgres"/),
    ]);
    expect(run.stderr).not.toContain('s3cr3t-db-pw');
  });
});

describe('config file errors, in process (runCli)', () => {
  it('says the same in Chinese from LANG, and as JSON without the database password', async () => {
    const run = await inProcess(['--json', 'jobs', 'list'], configDir(bad), { LANG: 'zh_CN.UTF-8' });
    expect(run.code).toBe(EXIT_CODES.refused);
    const { error } = ErrorJsonSchema.parse(JSON.parse(run.stdout));
    expect(error).toMatchObject({ code: 'VALIDATION', kind: 'refused', exitCode: 3 });
    expect(error.message).toContain('hpckit.yaml:15:3:');
    expect(error.message).toContain('只能给出其中一个');
    expect(run.stdout).not.toContain('s3cr3t-db-pw');
  });

  it('checks the transport with the SDK schema once the file is otherwise right, at the value', async () => {
    const fixed = bad.replace('    sight: ikkem\n', '').replace('  sqlite: x.db\n', '');
    const run = await inProcess(['--cluster', 'hpc', 'jobs', 'list'], configDir(fixed));
    expect(run.code).toBe(EXIT_CODES.refused);
    expect(run.stderr).toMatch(/^hpckit\.yaml:10:19: .*credentials\.password.*expected string/);
  });

  it('a YAML syntax error and a missing file are refused with where and how', async () => {
    const syntax = await inProcess(['jobs', 'list'], configDir('clusters:\n  hpc: [\n'));
    expect(syntax.code).toBe(EXIT_CODES.refused);
    expect(syntax.stderr).toMatch(/^hpckit\.yaml:\d+:\d+: .*not valid YAML/);
    const missing = await inProcess(['--config', 'nope.yaml', 'jobs', 'list'], configDir(MOCK_CONFIG), {
      LANG: 'zh_CN.UTF-8',
    });
    expect(missing.code).toBe(EXIT_CODES.refused);
    expect(missing.stderr).toContain('找不到配置文件');
  });
});
