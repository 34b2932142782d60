import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertClusterUp, KNOWN_HOSTS, keyOf, SSH_PORT } from '../../../test/support/test-cluster.js';
import {
  AppConnectJsonSchema,
  AppSessionJsonSchema,
  EXIT_CODES,
  FileListJsonSchema,
  JobJsonSchema,
  JobOutputJsonSchema,
  SyncJsonSchema,
} from '../src/index.js';
import { inProcess } from './support/in-process.js';
import { configDir, hpckit } from './support/run-hpckit.js';

// `hpckit` as real processes against the Slurm test cluster (run under the cluster lock, with
// HPCKIT_SLURM=1): the portal account over SSH, acting for alice through sudo; then alice with her
// own key. The steps a test is about run as processes, the checks around them in-process (runCli).
// A config whose cluster logs in as `login` with its key; `more` is appended to the transport.
const sshConfig = (login: string, more = '') => `clusters:
  hpc:
    adapter: slurm
    site: ikkem
    transport:
      kind: ssh
      host: 127.0.0.1
      port: ${SSH_PORT}
      hostKey: { knownHosts: [${KNOWN_HOSTS}] }
      credentials: { username: ${login}, privateKeyPath: ${keyOf(login)} }
${more}`;

const config = `${sshConfig('portal', '      actAs: { mode: sudo }\n    users: { alice.wang: alice }\n')}ledger:
  sqlite: ./ledger.db
  currency: CNY
  timeZone: Asia/Shanghai
`;

// alice herself, with her own key: SFTP (files, job output) runs as the login, as it must.
const aliceConfig = sshConfig('alice');

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

    // SFTP cannot act through sudo: the portal's config refuses to read alice's output as itself…
    const refused = await hpckit(['--as', 'alice.wang', 'jobs', 'output', job.id], dir);
    expect(refused.code).toBe(EXIT_CODES.refused);
    expect(refused.stderr).toMatch(
      /needs a connection logged in as alice, but the transport logs in as portal/,
    );
    // …and alice's own config reads it over SFTP, through the job's handle.
    writeFileSync(join(dir, 'alice.yaml'), aliceConfig);
    const output = await hpckit(['--config', 'alice.yaml', 'jobs', 'output', job.id], dir);
    expect(output.code, output.stderr).toBe(0);
    expect(output.stdout).toBe('hello-from-hpckit\n');

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

describe('hpckit files, jobs output and apps as alice over SFTP', { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(() => {
    assertClusterUp();
    dir = configDir(aliceConfig);
  });

  it('puts, lists, gets and removes a file in her home; another home is refused, in Chinese too', async () => {
    const name = `hpckit-cli-${process.pid}.txt`;
    writeFileSync(join(dir, 'in.txt'), 'to the cluster\n');
    const put = await hpckit(['files', 'put', 'in.txt', name], dir);
    expect(put.code, put.stderr).toBe(0);
    expect(put.stdout).toContain(`/home/alice/${name} (15 bytes)`);
    const ls = await inProcess(['--json', 'files', 'ls', name], dir);
    expect(FileListJsonSchema.parse(JSON.parse(ls.stdout)).entries).toMatchObject([
      { name, path: `/home/alice/${name}`, type: 'file', size: 15 },
    ]);
    const get = await hpckit(['files', 'get', name, 'back.txt'], dir);
    expect(get.code, get.stderr).toBe(0);
    expect(readFileSync(join(dir, 'back.txt'), 'utf8')).toBe('to the cluster\n');
    expect((await inProcess(['files', 'rm', name], dir)).code).toBe(0);
    const zh = await inProcess(['--lang', 'zh-CN', 'files', 'ls', '/home/bob/.ssh'], dir);
    expect(zh.code).toBe(EXIT_CODES.refused);
    expect(zh.stderr).toMatch(/[\u4e00-\u9fff]/);
  });

  it("follows a running job's output until it ends, and bounds a read", async () => {
    const submit = await hpckit(
      [
        '--json',
        'jobs',
        'submit',
        '-A',
        'electroplating',
        '-t',
        '5m',
        '--',
        'for i in 1 2 3; do echo "step $i"; sleep 1; done',
      ],
      dir,
    );
    expect(submit.code, submit.stderr).toBe(0);
    const { id } = JobJsonSchema.parse(JSON.parse(submit.stdout));
    const follow = await hpckit(['jobs', 'output', id, '--follow'], dir);
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.stdout).toBe('step 1\nstep 2\nstep 3\n');
    const head = await inProcess(['--json', 'jobs', 'output', id, '--bytes', '6'], dir);
    expect(JobOutputJsonSchema.parse(JSON.parse(head.stdout))).toMatchObject({
      text: 'step 1',
      truncated: true,
    });
  });

  it('starts a Jupyter session, prints the tunnel and URL that open it, and cancels it', async () => {
    const create = await hpckit(
      [
        ...'--json apps create jupyter-notebook hours=1 account=electroplating --wait --timeout 120'.split(
          ' ',
        ),
      ],
      dir,
    );
    expect(create.code, create.stderr).toBe(0);
    const session = AppConnectJsonSchema.parse(JSON.parse(create.stdout));
    expect(session.tunnel).toMatch(
      new RegExp(`^ssh -N -L (\\d+):[^:]+:\\1 -p ${SSH_PORT} alice@127\\.0\\.0\\.1$`),
    );
    expect(session.url).toMatch(/^http:\/\/localhost:\d+\/tree\?token=/);
    // The node is this machine: the server answers at its node URL with the token.
    expect((await fetch(session.nodeUrl!)).status).toBe(200);
    const cancel = await inProcess(['--json', 'apps', 'cancel', session.jobId], dir);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(AppSessionJsonSchema.parse(JSON.parse(cancel.stdout)).state).toBe('cancelled');
  });
});
