/**
 * A job-charge sync with no `startAt` reads the cluster's accounting from the epoch. Slurm refuses
 * a start time of 0 ("Invalid time specification"), so the adapter must send a start it accepts
 * and still return the whole history.
 */
import { execFileSync } from 'node:child_process';
import { createJobSync, createLedger, createMemoryStore } from '@hpckit/billing/ledger';
import { afterAll, describe, expect, it } from 'vitest';
import { assertClusterUp } from '../support/test-cluster.js';
import { clusterClient, sitePricing } from './real-cluster.js';

assertClusterUp();

const client = clusterClient();
afterAll(() => client.close());

/** The oldest job slurmdbd holds, asked of sacct directly (as root, every user). */
function oldestJobId(): string {
  const out = execFileSync(
    'sacct',
    ['-a', '-X', '-n', '-P', '-o', 'JobIDRaw', '-S', '2000-01-01', '-E', 'now'],
    {
      encoding: 'utf8',
    },
  );
  return out.trim().split('\n')[0]!;
}

describe('history from the epoch on real Slurm', { timeout: 120_000 }, () => {
  it('lists jobs that ended since the epoch, the oldest accounting holds included', async () => {
    const job = await client.as('alice').jobs.submit({
      account: 'electroplating',
      command: 'true',
      timeLimit: '5m',
      memory: { perNode: '64M' },
      stdout: '/dev/null',
    });
    await job.wait();
    const oldest = oldestJobId();
    const listed = await client.jobs.list({ endTime: { from: new Date(0) }, limit: 100_000 });
    const ids = listed.jobs.map((j) => j.id.split('_')[0]);
    expect(ids).toContain(oldest);
    expect(ids).toContain(job.id);
  });

  it('syncs charges from the epoch when createJobSync has no startAt', async () => {
    const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
    const sync = createJobSync({
      ledger,
      source: client,
      clusters: ['hpc'],
      pricer: sitePricing().price,
      cutover: new Date(), // history only: nothing is charged
    });
    const [report] = await sync.run();
    expect(report?.from.getTime()).toBe(0);
    expect(report?.seen).toBeGreaterThan(0);
    expect(report?.charged).toBe(0);
    const [oldest] = await ledger.context.read((tx) => tx.getJobRecords('hpc', [oldestJobId()]));
    expect(oldest?.status).toBe('before_cutover');
  });
});
