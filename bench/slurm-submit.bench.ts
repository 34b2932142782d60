/**
 * Submitting 100 jobs through the client (`client.jobs.submit`, one after another, as a portal
 * submits users' forms) beside a shell loop of 100 `sbatch --parsable` in the same run, locally
 * and over SSH. Each side runs in a process of its own, so CPU (the process and the programs it
 * starts, user + system) and peak memory are its own; the client's figures cover the 100
 * submissions after one warm-up submission (its process start and first connection are not
 * submissions). Jobs are submitted held and cancelled afterwards, so the cluster stays idle.
 * Needs the cluster (scripts/slurm-cluster/up.sh).
 *
 * Local: both run as alice through `su - alice`, the loop in one shell, the client in one Node
 * process running sbatch directly (the local transport without acting for anyone, through its
 * helper shells; the same with `helperShell: 'off'`, a spawn per command, is printed beside it).
 * The local sides run in interleaved rounds (3; `HPCKIT_BENCH_ROUNDS`), each ratio taken within
 * its round and printed as the median (lowest–highest): on a shared machine the same 100 sbatch
 * take from 2.8 s to 4.3 s from one minute to the next, more than the gap being measured.
 *
 * SSH: the client keeps one pooled connection and opens a channel per command. The fair baseline
 * is OpenSSH doing the same: one master connection (ControlMaster) and 100 `ssh host sbatch`
 * over it, each a new session channel running one command, as a script driving a cluster from
 * outside would. 100 fresh `ssh` connections would flatter the client (a key exchange per job);
 * one remote shell running the whole loop is not the same work (one channel for 100 jobs, no
 * answer back per job), so it is printed for reference only, not as the baseline.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMeasurement } from './lib/client-submit.child.js';
import { report, section } from './lib/measure.js';
import { clusterUp, OPENSSH_OPTIONS, PORT } from './lib/slurm-cluster.js';

const N = 100;
/** Interleaved rounds of the local sides (HPCKIT_BENCH_ROUNDS; 3 by default). */
const ROUNDS = Number(process.env.HPCKIT_BENCH_ROUNDS ?? 3);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = join(ROOT, 'bench', 'lib', 'client-submit.child.ts');
const SBATCH = 'sbatch --parsable --hold -J bench-submit -o /dev/null -t 1 --wrap true >/dev/null || exit 1';

/** One measured side: wall and CPU time, peak resident memory, scheduler commands per job. */
interface Side {
  s: number;
  cpuS: number;
  peakMiB: number;
  /** The client's resident memory growth over the submissions (its runtime is most of its peak). */
  growthMiB?: number;
  commandsPerJob?: string;
}

const cancelBench = () =>
  execFileSync('scancel', ['--user=alice', '--name=bench-submit'], { stdio: 'ignore' });

/** Runs argv under GNU time: wall seconds, CPU seconds of it and its children, largest RSS. */
function timed(argv: string[]): Side {
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...argv], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed: ${run.stderr}`);
  return parseTime(run.stderr);
}

function parseTime(stderr: string): Side {
  const line = stderr.split('\n').find((l) => l.startsWith('TIME '));
  if (!line) throw new Error(`GNU time printed no figures: ${stderr}`);
  const [wall, user, system, maxKiB] = line.slice(5).split(' ').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { s: wall, cpuS: user + system, peakMiB: maxKiB / 1024 };
}

/** The client's 100 submissions, measured inside its own process (see client-submit.child.ts). */
function client(argv: string[]): { sdk: Side; bareSpawn?: Side } {
  const stdout = execFileSync(argv[0]!, argv.slice(1), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const m = JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildMeasurement;
  const perJob = Object.entries(m.commands)
    .map(([program, calls]) => `${program}:${+(calls / N).toFixed(2)}`)
    .join(',');
  const sdk = {
    s: m.wallMs / 1000,
    cpuS: m.cpuMs / 1000,
    peakMiB: m.rssPeakMiB,
    growthMiB: m.rssPeakMiB - m.rssBeforeMiB,
    commandsPerJob: perJob,
  };
  const bare = m.bareSpawn && {
    s: m.bareSpawn.wallMs / 1000,
    cpuS: m.bareSpawn.cpuMs / 1000,
    peakMiB: m.rssPeakMiB,
  };
  return { sdk, bareSpawn: bare };
}

const node = (mode: string, how = '') =>
  `cd ${ROOT} && exec ${process.execPath} --import tsx --conditions=@hpckit/source ${CHILD} ${mode} ${N} ${how}`;

function compare(title: string, baselineName: string, baseline: Side, sdk: Side): void {
  report(`baseline: ${baselineName}`, { ...baseline });
  report(title, {
    ...sdk,
    ratio: `${(sdk.s / baseline.s).toFixed(2)}x baseline`,
    cpuRatio: `${(sdk.cpuS / baseline.cpuS).toFixed(2)}x`,
    memRatio: `${(sdk.peakMiB / baseline.peakMiB).toFixed(2)}x`,
  });
}

/** Median and spread (lowest–highest) of per-round figures. */
function spread(xs: number[], digits = 2): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${median.toFixed(digits)} (${sorted[0]!.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)})`;
}

/** The round (of several) whose time is the median one, for its other figures. */
function medianOf<T extends { s: number }>(sides: T[]): T {
  return [...sides].sort((a, b) => a.s - b.s)[Math.floor(sides.length / 2)]!;
}

/**
 * The local figures, in {@link ROUNDS} interleaved rounds (loop, client, client spawning, sweep),
 * so that a burst of load from other work on the machine falls on every side alike: each ratio
 * is taken within its round, and printed as the median with the lowest and highest.
 */
async function local(): Promise<void> {
  section(`submit ${N} held jobs one after another, locally as alice, ${ROUNDS} interleaved rounds`);
  const loops: Side[] = [];
  const clients: { sdk: Side; bareSpawn?: Side }[] = [];
  const spawning: Side[] = [];
  const sweeps: Side[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    loops.push(timed(['su', '-', 'alice', '-c', `for i in $(seq ${N}); do ${SBATCH}; done`]));
    cancelBench();
    clients.push(client(['su', '-', 'alice', '-c', node('local')]));
    cancelBench();
    spawning.push(client(['su', '-', 'alice', '-c', node('local', 'spawn')]).sdk);
    cancelBench();
    sweeps.push(client(['su', '-', 'alice', '-c', node('local', 'sweep')]).sdk);
    cancelBench();
  }
  const ratios = (sides: Side[], of: (side: Side) => number = (x) => x.s) =>
    spread(sides.map((side, i) => of(side) / of(loops[i]!)));
  const cpuOf = (side: Side) => side.cpuS;
  report('baseline: shell loop of sbatch', {
    ...medianOf(loops),
    rounds: `s ${spread(loops.map((l) => l.s))}`,
  });
  const sdk = clients.map((c) => c.sdk);
  report('client.jobs.submit (local transport)', {
    ...medianOf(sdk),
    ratio: `${ratios(sdk)}x baseline`,
    cpuRatio: `${ratios(sdk, cpuOf)}x`,
    memRatio: `${spread(sdk.map((c, i) => c.peakMiB / loops[i]!.peakMiB))}x`,
  });
  report("reference: the same, helperShell: 'off'", {
    ...medianOf(spawning),
    ratio: `${ratios(spawning)}x baseline`,
    cpuRatio: `${ratios(spawning, cpuOf)}x`,
  });
  const bare = clients.flatMap((c) => (c.bareSpawn ? [c.bareSpawn] : []));
  if (bare.length === ROUNDS) {
    report('reference: Node spawning the same sbatch', {
      ...medianOf(bare),
      ratio: `${ratios(bare)}x baseline`,
      sdkOverBare: `${spread(sdk.map((c, i) => c.s / bare[i]!.s))}x`,
    });
  }
  report('client.jobs.submitMany, 100 at once (local)', {
    ...medianOf(sweeps),
    ratio: `${ratios(sweeps)}x baseline`,
    cpuRatio: `${ratios(sweeps, cpuOf)}x`,
  });
}

export async function run(): Promise<void> {
  if (!clusterUp()) {
    console.log('  skipped: cluster not up (run scripts/slurm-cluster/up.sh)');
    return;
  }
  try {
    await local();
    section(`submit ${N} held jobs one after another, over SSH as alice`);
    const dir = mkdtempSync(join(tmpdir(), 'bench-ssh-'));
    const ssh = ['-p', String(PORT), ...OPENSSH_OPTIONS, '-o', `ControlPath=${join(dir, 'cm')}`];
    try {
      execFileSync('ssh', [
        ...ssh,
        '-o',
        'ControlMaster=yes',
        '-o',
        'ControlPersist=120',
        '-fN',
        'alice@127.0.0.1',
      ]);
      const command = ssh.map((a) => `'${a}'`).join(' ');
      const multiplexed = timed([
        'bash',
        '-c',
        `for i in $(seq ${N}); do ssh ${command} alice@127.0.0.1 '${SBATCH}' || exit 1; done`,
      ]);
      cancelBench();
      const oneSession = timed([
        'ssh',
        ...ssh,
        'alice@127.0.0.1',
        `for i in $(seq ${N}); do ${SBATCH}; done`,
      ]);
      cancelBench();
      const pooled = client(['bash', '-c', node('ssh')]).sdk;
      cancelBench();
      compare(
        'client.jobs.submit (pooled SSH)',
        'ssh sbatch over one master connection',
        multiplexed,
        pooled,
      );
      report('reference: one ssh session running the loop', { ...oneSession });
      const sweep = client(['bash', '-c', node('ssh', 'sweep')]).sdk;
      cancelBench();
      compare(
        'client.jobs.submitMany, 100 at once (SSH)',
        'ssh sbatch over one master connection',
        multiplexed,
        sweep,
      );
      report('  the same sweep beside one ssh session running the loop', {
        ratio: `${(sweep.s / oneSession.s).toFixed(2)}x`,
      });
    } finally {
      // The master may already have gone (ControlPersist); nothing is left to stop then.
      spawnSync('ssh', [...ssh, '-O', 'exit', 'alice@127.0.0.1'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    cancelBench();
  }
}
