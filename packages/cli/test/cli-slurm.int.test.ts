import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertClusterUp, KNOWN_HOSTS, keyOf, SSH_PORT } from '../../../test/support/test-cluster.js';
import { EXIT_CODES, JobJsonSchema, SyncJsonSchema } from '../src/index.js';
import { configDir, hpckit } from './support/run-hpckit.js';

// `hpckit` as real processes against the Slurm test cluster (run under the cluster lock, with
// HPCKIT_SLURM=1): the portal account over SSH, acting for alice through sudo.
const config = `clusters:
  hpc:
    adapter: slurm
    site: ikkem
    transport:
      kind: ssh
      host: 127.0.0.1
      port: ${SSH_PORT}
      hostKey: { knownHosts: [${KNOWN_HOSTS}] }
      credentials: { username: portal, privateKeyPath: ${keyOf('portal')} }
      actAs: { mode: sudo }
    users: { alice.wang: alice }
ledger:
  sqlite: ./ledger.db
  currency: CNY
  timeZone: Asia/Shanghai
`;

describe('hpckit on the Slurm test cluster', { timeout: 180_000 }, () => {
  let dir: string;
  let work: string;
  beforeAll(() => {
    assertClusterUp();
    dir = configDir(config);
    // Where alice's job writes its output: a directory she can write to, which this process reads.
    work = mkdtempSync(join(tmpdir(), 'hpckit-cli-job-'));
    chmodSync(work, 0o777);
  });

  it('submits as the mapped user, waits with progress, reads the output, and charges it in the ledger', async () => {
    const submit = await hpckit(
      [
        ...'--as alice.wang --json jobs submit -A electroplating -p cpu -c 2 -t 10m --workdir'.split(' '),
        work,
        '--wait',
        '--',
        'echo hello-from-hpckit; sleep 3',
      ],
      dir,
    );
    expect(submit.code, submit.stdout + submit.stderr).toBe(EXIT_CODES.ok);
    const job = JobJsonSchema.parse(JSON.parse(submit.stdout));
    expect(job).toMatchObject({
      user: 'alice',
      account: 'electroplating',
      outcome: 'completed',
      cluster: 'hpc',
    });
    expect(submit.stderr).toMatch(new RegExp(`^${job.id} completed`, 'm'));

    const output = await hpckit(['--as', 'alice.wang', 'jobs', 'output', job.id], dir);
    expect(output.code, output.stderr).toBe(0);
    expect(output.stdout).toContain('hello-from-hpckit');

    // Ledger round trip: import the cluster's accounts, pay, sync the ended job, export it.
    const imported = await hpckit(['accounts', 'import', '--whitelist', '--owner', 'ai4ec=bob'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('create-account electroplating');
    const paid = await hpckit(['ledger', 'pay', 'electroplating', '100.50', '--type', 'bank transfer'], dir);
    expect(paid.stdout).toMatch(/electroplating now holds 100\.50 CNY/);
    // Accounting may lag the job's end by a few seconds: sync until the job is seen.
    let seen = 0;
    for (let i = 0; i < 10 && seen === 0; i++) {
      const sync = await hpckit(['--json', 'ledger', 'sync'], dir);
      expect(sync.code, sync.stdout + sync.stderr).toBe(0);
      const [report] = SyncJsonSchema.parse(JSON.parse(sync.stdout)).clusters;
      seen = (report?.charged ?? 0) + (report?.free ?? 0);
      if (seen === 0) await new Promise((r) => setTimeout(r, 2000));
    }
    expect(seen).toBeGreaterThan(0);
    const exported = await hpckit(['ledger', 'export', '--from', '1d', '-o', 'week.csv'], dir);
    expect(exported.code, exported.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'week.csv'), 'utf8');
    expect(csv.startsWith('id,time,account,')).toBe(true);
    const payments = await hpckit(['ledger', 'payments', '--account', 'electroplating'], dir);
    expect(payments.stdout).toContain('100.50 CNY');
  });

  it('cancels a held job', async () => {
    const submit = await hpckit(
      [...'--as alice --json jobs submit -A electroplating -t 10m --hold --'.split(' '), 'sleep 300'],
      dir,
    );
    expect(submit.code, submit.stderr).toBe(0);
    const { id } = JobJsonSchema.parse(JSON.parse(submit.stdout));
    const cancel = await hpckit(['--as', 'alice', '--json', 'jobs', 'cancel', id], dir);
    expect(cancel.code, cancel.stderr).toBe(0);
    const waited = await hpckit(['--as', 'alice', '--json', 'jobs', 'wait', id], dir);
    expect(waited.code).toBe(EXIT_CODES.failed);
    expect(JobJsonSchema.parse(JSON.parse(waited.stdout)).outcome).toBe('cancelled');
  });

  it("the scheduler's refusal is exit 3, in English and in Chinese", async () => {
    const args = ['--as', 'alice', 'jobs', 'submit', '-A', 'no-such-account', '-t', '10m', '--', 'true'];
    const en = await hpckit(args, dir);
    expect(en.code).toBe(EXIT_CODES.refused);
    expect(en.stderr).toMatch(/Slurm refused the job \(invalid_account\)/);
    const zh = await hpckit(['--lang', 'zh-CN', ...args], dir);
    expect(zh.code).toBe(EXIT_CODES.refused);
    expect(zh.stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});
