/**
 * The three Slurm transports on the same test cluster, through the public client, one call at a
 * time as a portal page makes them: the latency of `jobs.list` (alice's queued and running jobs)
 * and of `jobs.submit` (a held job), over local commands (sudo to alice), pooled SSH (one
 * connection as alice) and slurmrestd (JWT for alice). The baseline is the raw tool in the same
 * run: `squeue --me` and `sbatch --parsable --hold` spawned as alice (`runuser`), with no SDK.
 * Medians of a few calls after a warm-up (the first connection, token and version negotiation are
 * not what a page waits for). Then job status by id, as a watcher or a history page asks it: 200
 * jobs already purged from the queue beside a bare `sacct -j <ids>`, and those 200 with the held
 * jobs just submitted beside `squeue --jobs` then `sacct -j` for the rest; for slurmrestd, the
 * requests each call sent and the widest accounting window one of them read. About a minute in
 * all. Submitted jobs are cancelled at the end.
 *
 * CPU is this process's and its children's (squeue, sbatch, sudo), user + system: slurmrestd's and
 * sshd's CPU is the daemons', not counted here. Peak memory is this process's so far.
 * Needs the cluster (scripts/slurm-cluster/up.sh) with slurmrestd on REST_URL.
 */
import { execFileSync } from 'node:child_process';
// The adapter's sacct field list, so the baselines print what the CLI adapter reads.
import { sacctFormat } from '../packages/adapter-slurm/src/parse/sacct.js';
import { jwtAuth, slurmAdapter, slurmRestAdapter } from '@hpckit/adapter-slurm';
import { createClient, type HpckitClient, type SchedulerAdapter } from '@hpckit/core';
import { localTransport } from '@hpckit/transport';
import { REST_URL, scontrolToken, sshAs } from '../test/support/test-cluster.js';
import { figures, type Measurement, median, report, section } from './lib/measure.js';
import { clusterUp, purgedIds } from './lib/slurm-cluster.js';

const RUNS = 7;
const LOOKUP_RUNS = 3;
const PURGED = 200;
const SACCT = ['-a', '-X', '-n', '-p', '-o', sacctFormat()];
const NAME = 'bench-rest';
const SPEC = { name: NAME, command: 'true', hold: true, timeLimit: '1m', stdout: '/dev/null' } as const;
const QUERY = { users: ['alice'], states: ['queued', 'running'] as ('queued' | 'running')[] };

const asAlice = (program: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'alice', '--', program, ...args], { stdio: 'pipe' });

async function restUp(): Promise<boolean> {
  try {
    return (await fetch(`${REST_URL}/openapi`, { signal: AbortSignal.timeout(2_000) })).status < 500;
  } catch {
    return false;
  }
}

export async function run(): Promise<void> {
  if (!clusterUp() || !(await restUp())) {
    console.log('  skipped: cluster or slurmrestd not up (run scripts/slurm-cluster/up.sh)');
    return;
  }
  const clientOf = (adapter: SchedulerAdapter) => createClient({ clusters: { hpc: { adapter } } });
  // What the REST client sent, to report its requests and accounting windows.
  const sent: URL[] = [];
  const counting: typeof fetch = (input, init) => {
    sent.push(new URL(input instanceof Request ? input.url : String(input)));
    return fetch(input, init);
  };
  // Each as alice: local and REST act for her, the SSH connection logs in as her.
  const local = clientOf(slurmAdapter({ transport: localTransport({ actAs: { mode: 'sudo' } }) }));
  const ssh = clientOf(slurmAdapter({ transport: sshAs('alice') }));
  const rest = clientOf(
    slurmRestAdapter({
      url: REST_URL,
      auth: jwtAuth({ serviceUser: 'slurm', mint: (user) => scontrolToken(user) }),
      fetch: counting,
    }),
  );
  const transports: [string, HpckitClient, HpckitClient][] = [
    ['local (sudo -u alice)', local, local.as('alice')],
    ['pooled SSH (alice)', ssh, ssh],
    ['slurmrestd (JWT)', rest, rest.as('alice')],
  ];
  try {
    const compare = async (
      title: string,
      baselineName: string,
      baseline: () => unknown,
      call: (c: HpckitClient) => Promise<unknown>,
      runs = RUNS,
    ) => {
      section(`${title} (median of ${runs})`);
      const base = await median(runs, baseline);
      report(baselineName, figures(base));
      const ratios: Record<string, Measurement> = {};
      for (const [name, , alice] of transports) {
        sent.length = 0;
        const m = await median(runs, () => call(alice));
        ratios[name] = m;
        report(`client, ${name}`, {
          ...figures(m),
          ratio: `${(m.wallMs / base.wallMs).toFixed(2)}x baseline`,
          ...(sent.length > 0 && restFigures(sent, runs + 1)),
        });
      }
      const rest = ratios['slurmrestd (JWT)']!.wallMs;
      report('slurmrestd against the others', {
        'vs local': `${(rest / ratios['local (sudo -u alice)']!.wallMs).toFixed(2)}x`,
        'vs pooled SSH': `${(rest / ratios['pooled SSH (alice)']!.wallMs).toFixed(2)}x`,
      });
    };
    await compare(
      'jobs.list: alice’s queued and running jobs',
      'baseline: runuser alice squeue --me',
      () => asAlice('squeue', ['--me']),
      (c) => c.jobs.list(QUERY),
    );
    await compare(
      'jobs.submit: one held job',
      'baseline: runuser alice sbatch --parsable --hold',
      () =>
        asAlice('sbatch', [
          '--parsable',
          '--hold',
          '-J',
          NAME,
          '-o',
          '/dev/null',
          '-t',
          '1',
          '--wrap',
          'true',
        ]),
      (c) => c.jobs.submit(SPEC),
    );
    // Every measured submission is a job slurmctld holds: the figures are of real submissions.
    const held = execFileSync('squeue', ['-h', '-u', 'alice', '-n', NAME, '-t', 'PD', '-o', '%i'], {
      encoding: 'utf8',
    });
    const heldIds = held.trim().split('\n');
    const expected = (RUNS + 1) * (transports.length + 1);
    report('held jobs in the queue before cancelling', { jobs: heldIds.length, expected });
    const purged = purgedIds(PURGED);
    if (purged.length < PURGED) {
      console.log(`  skipped lookups: accounting holds only ${purged.length} purged jobs`);
      return;
    }
    await compare(
      `jobs.list({ jobIds }): ${PURGED} jobs already purged from the queue`,
      `baseline: runuser alice sacct -j <${PURGED} ids>`,
      () => asAlice('sacct', [...SACCT, `--jobs=${purged.join(',')}`]),
      (c) => c.jobs.list({ jobIds: purged }),
      LOOKUP_RUNS,
    );
    const all = [...purged, ...heldIds];
    await compare(
      `jobs.list({ jobIds }): ${all.length} ids (${PURGED} purged, ${heldIds.length} held)`,
      'baseline: squeue --jobs=<ids>, then sacct -j <rest>',
      () =>
        asAlice('bash', [
          '-c',
          `ids=${all.join(',')}
queue=$(squeue -h -t all --jobs="$ids" -o '%i|%T|%j|%u|%a|%P|%M|%l')
missing=$(tr ',' '\\n' <<<"$ids" | grep -vxF -f <(cut -d'|' -f1 <<<"$queue") | paste -sd,)
printf '%s\\n' "$queue"
sacct ${SACCT.map((a) => `'${a}'`).join(' ')} --jobs="$missing"`,
        ]),
      (c) => c.jobs.list({ jobIds: all }),
      LOOKUP_RUNS,
    );
  } finally {
    execFileSync('scancel', ['--user=alice', `--name=${NAME}`], { stdio: 'ignore' });
    await Promise.all(transports.map(([, c]) => c.close()));
  }
}

/**
 * What slurmrestd was asked over `calls` calls: requests per call, and the widest accounting
 * window one read (`start_time`), or "none" when no request named one.
 */
function restFigures(sent: readonly URL[], calls: number): Record<string, string | number> {
  // The adapter writes windows as slurmStartTime does: `now-<seconds>seconds`.
  const windows = sent.flatMap((u) => {
    const m = /^now-(\d+)seconds$/.exec(u.searchParams.get('start_time') ?? '');
    return m ? [Number(m[1])] : [];
  });
  return {
    'requests/call': sent.length / calls,
    'widest window': windows.length === 0 ? 'none' : `${(Math.max(...windows) / 3_600).toFixed(1)}h`,
  };
}
