/**
 * Job status on the test cluster through the client, each beside the raw tool in the same run
 * (needs scripts/slurm-cluster/up.sh; about 2 minutes):
 *
 * 1. Noticing ends: 100 short jobs, submitted as alice and waited on with `handle.wait()` (one
 *    shared poller), in a process of its own; at the same time, in another, one `sleep 90` job
 *    with a 1-minute limit watched alone (the poller's pacing for a lone long job); beside them a
 *    shell loop running `squeue` every second. Each side's delay is
 *    measured from accounting's end time (sacct `End`, whole seconds, so both carry the same
 *    rounding): for the last of the 100 jobs, the worst of them, and for the timed-out job; beside
 *    each delay, the scheduler's load (its commands per second). `HPCKIT_BENCH_POLLING` (JSON
 *    polling options, e.g. `{"youngJobWindowMs":0}`) measures the client with other pacing.
 * 2. Status of 200 jobs already purged from the queue: `client.jobs.list({ jobIds })` beside a
 *    bare `sacct -j <ids>` printing the same fields.
 * 3. Looking up 250 ids (200 purged, 50 held in the queue): `client.jobs.list({ jobIds })` beside
 *    `squeue --jobs=<ids>` then `sacct -j` for those squeue no longer holds.
 *
 * CPU is the process's and its children's (user + system), peak memory the largest resident set.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The adapter's sacct field list, so the baseline prints exactly what the client reads.
import { sacctFormat } from '../packages/adapter-slurm/src/parse/sacct.js';
import type { LookupMeasurement, WatchMeasurement } from './lib/client-watch.child.js';
import { report, section } from './lib/measure.js';
import { clusterUp, purgedIds } from './lib/slurm-cluster.js';

const SHORT_JOBS = 100;
const PURGED = 200;
const LIVE = 50;
const LOOKUP_RUNS = 5;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = join(ROOT, 'bench', 'lib', 'client-watch.child.ts');
const ENDED = /^(COMPLETED|FAILED|TIMEOUT|CANCELLED|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE)/;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cancelBench = () =>
  execFileSync('scancel', ['--user=alice', '--name=bench-watch'], { stdio: 'ignore' });

/** Wall seconds, CPU seconds (with children) and peak RSS of a command, from GNU time. */
interface Timed {
  s: number;
  cpuS: number;
  peakMiB: number;
  stdout: string;
}

function timed(argv: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...argv], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SLURM_TIME_FORMAT: '%s' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stderr.split('\n').find((l) => l.startsWith('TIME '));
      if (code !== 0 || !line) return reject(new Error(`${argv.join(' ')} failed (${code}): ${stderr}`));
      const [wall, user, system, maxKiB] = line.slice(5).split(' ').map(Number) as number[];
      resolve({ s: wall!, cpuS: user! + system!, peakMiB: maxKiB! / 1024, stdout });
    });
  });
}

function runChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@hpckit/source', CHILD, ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`client child exited ${code}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as T);
    });
  });
}

/** Accounting's end time (epoch ms, whole seconds) and state of each job. */
function accountingEnds(ids: string[]): Map<string, { endMs: number; state: string }> {
  const out = execFileSync(
    'sacct',
    ['-a', '-X', '-n', '-P', '-o', 'JobIDRaw,End,State', `--jobs=${ids.join(',')}`],
    { encoding: 'utf8', env: { ...process.env, SLURM_TIME_FORMAT: '%s' } },
  );
  const ends = new Map<string, { endMs: number; state: string }>();
  for (const line of out.trim().split('\n')) {
    const [id, end, state] = line.split('|') as [string, string, string];
    if (/^\d+$/.test(end)) ends.set(id, { endMs: Number(end) * 1000, state });
  }
  return ends;
}

/**
 * The baseline watcher: `squeue` every second until it has seen `expected` bench jobs and none is
 * live any more, printing the time each listing arrived (when the loop knows, as the client's
 * figure is when `wait()` resolves, after its poll's answer).
 */
function squeueLoop(expected: number): Promise<Timed> {
  const script = `
declare -A seen
for i in $(seq 400); do
  out=$(squeue -h -t all -u alice -n bench-watch -o '%i %T')
  t=$(date +%s.%N)
  printf '@%s\\n%s\\n' "$t" "$out"
  for id in $(printf '%s\\n' "$out" | awk 'NF {print $1}'); do seen[$id]=1; done
  live=$(printf '%s\\n' "$out" | grep -cE ' (PENDING|RUNNING|CONFIGURING|COMPLETING|SUSPENDED|REQUEUED)' || true)
  if [ "\${#seen[@]}" -ge ${expected} ] && [ "$live" -eq 0 ]; then exit 0; fi
  sleep 1
done`;
  return timed(['bash', '-c', script]);
}

/** When the loop first saw each job ended (or gone after being seen), epoch ms. */
function loopEnds(stdout: string): Map<string, number> {
  const seenEnded = new Map<string, number>();
  const live = new Set<string>();
  let at = 0;
  let listed = new Set<string>();
  const flush = () => {
    for (const id of live) if (!listed.has(id) && !seenEnded.has(id)) seenEnded.set(id, at);
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith('@')) {
      if (at) flush();
      at = Number(line.slice(1)) * 1000;
      listed = new Set();
      continue;
    }
    const [id, state] = line.trim().split(' ');
    if (!id || !state) continue;
    listed.add(id);
    if (ENDED.test(state)) {
      if (!seenEnded.has(id)) seenEnded.set(id, at);
    } else live.add(id);
  }
  flush();
  return seenEnded;
}

const s = (ms: number) => `${ms >= 0 ? '+' : ''}${(ms / 1000).toFixed(2)}s`;

async function endNotice(): Promise<void> {
  section(`noticing ends: ${SHORT_JOBS} short jobs; a sleep 90 job with a 1-minute limit, watched alone`);
  const loopRun = squeueLoop(SHORT_JOBS + 1);
  const [short, timeout] = await Promise.all([
    runChild<WatchMeasurement>(['watch', 'short', String(SHORT_JOBS)]),
    runChild<WatchMeasurement>(['watch', 'timeout', '1']),
  ]);
  const loop = await loopRun;
  const timeoutJob = timeout.jobs[0]!;
  const ends = accountingEnds([timeoutJob, ...short.jobs]);
  const seenByLoop = loopEnds(loop.stdout);
  const delay = (noticed: number | undefined, id: string) => {
    const end = ends.get(id)?.endMs;
    return noticed === undefined || end === undefined ? Number.NaN : noticed - end;
  };
  const shortDelays = (noticed: (id: string) => number | undefined) => {
    const delays = short.jobs.map((id) => delay(noticed(id), id));
    const lastEnd = Math.max(...short.jobs.map((id) => ends.get(id)?.endMs ?? Number.NaN));
    const lastNoticed = Math.max(...short.jobs.map((id) => noticed(id) ?? Number.NaN));
    return {
      afterLastEnd: s(lastNoticed - lastEnd),
      medianDelay: s(median(delays)),
      worstDelay: s(Math.max(...delays)),
    };
  };
  const perPoll = (m: WatchMeasurement) =>
    Object.entries(m.commands)
      .filter(([program]) => program !== 'sbatch')
      .map(([program, n]) => `${program}:${(n / Math.max(1, m.ticks)).toFixed(2)}`)
      .join(',');
  // The scheduler's load: its commands per second while the side watched (sbatch aside).
  const perSecond = (m: WatchMeasurement) =>
    Object.entries(m.commands)
      .filter(([program]) => program !== 'sbatch')
      .reduce((sum, [, n]) => sum + n, 0) /
    (m.wallMs / 1000);
  const loopCalls = loop.stdout.split('\n').filter((l) => l.startsWith('@')).length;
  report('baseline: squeue every 1 s (shell loop)', {
    ...shortDelays((id) => seenByLoop.get(id)),
    timeoutDelay: s(delay(seenByLoop.get(timeoutJob), timeoutJob)),
    squeueCalls: loopCalls,
    callsPerS: loopCalls / loop.s,
    cpuS: loop.cpuS,
    peakMiB: loop.peakMiB,
  });
  report(`handle.wait() on ${SHORT_JOBS} short jobs`, {
    ...shortDelays((id) => short.noticedAt[id]),
    polls: short.ticks,
    commandsPerPoll: perPoll(short),
    callsPerS: perSecond(short),
    cpuS: short.cpuMs / 1000,
    peakMiB: short.peakMiB,
  });
  report('handle.wait() on the 1-minute-limit job', {
    state: ends.get(timeoutJob)?.state ?? 'n/a',
    timeoutDelay: s(delay(timeout.noticedAt[timeoutJob], timeoutJob)),
    polls: timeout.ticks,
    commandsPerPoll: perPoll(timeout),
    callsPerS: perSecond(timeout),
    cpuS: timeout.cpuMs / 1000,
    peakMiB: timeout.peakMiB,
  });
}

async function lookups(dir: string): Promise<void> {
  const purged = purgedIds(PURGED);
  if (purged.length < PURGED) {
    console.log(`  skipped: accounting holds only ${purged.length} purged jobs (run the benches again)`);
    return;
  }
  const fields = ['-a', '-X', '-n', '-p', '-o', sacctFormat()];
  const purgedFile = join(dir, 'purged');
  writeFileSync(purgedFile, purged.join('\n'));

  section(`status of ${PURGED} jobs already purged from the queue, ${LOOKUP_RUNS} runs (median)`);
  const bare: Timed[] = [];
  for (let i = 0; i < LOOKUP_RUNS; i++)
    bare.push(await timed(['sacct', ...fields, `--jobs=${purged.join(',')}`]));
  const client = await runChild<LookupMeasurement>(['lookup', purgedFile, String(LOOKUP_RUNS)]);
  compare('client.jobs.list({ jobIds })', `bare sacct -j <${PURGED} ids>`, bare, client, PURGED);

  section(`looking up ${PURGED + LIVE} ids (${PURGED} purged, ${LIVE} held in the queue)`);
  const live: string[] = [];
  for (let i = 0; i < LIVE; i++) {
    live.push(
      execFileSync(
        'su',
        ['alice', '-c', 'sbatch --parsable --hold -J bench-watch -o /dev/null -t 1 --wrap true'],
        { encoding: 'utf8' },
      ).trim(),
    );
  }
  const all = [...purged, ...live];
  const allFile = join(dir, 'all');
  writeFileSync(allFile, all.join('\n'));
  const shell: Timed[] = [];
  for (let i = 0; i < LOOKUP_RUNS; i++) {
    shell.push(
      await timed([
        'bash',
        '-c',
        `ids=${all.join(',')}
queue=$(squeue -h -t all --jobs="$ids" -o '%i|%T|%j|%u|%a|%P|%M|%l')
missing=$(tr ',' '\\n' <<<"$ids" | grep -vxF -f <(cut -d'|' -f1 <<<"$queue") | paste -sd,)
printf '%s\\n' "$queue"
sacct ${fields.join(' ')} --jobs="$missing"`,
      ]),
    );
  }
  const many = await runChild<LookupMeasurement>(['lookup', allFile, String(LOOKUP_RUNS)]);
  compare(
    'client.jobs.list({ jobIds })',
    'squeue --jobs=<ids>, then sacct -j <rest>',
    shell,
    many,
    all.length,
  );
}

function compare(name: string, baselineName: string, bare: Timed[], client: LookupMeasurement, want: number) {
  const bareS = median(bare.map((b) => b.s));
  const clientS = median(client.wallMs) / 1000;
  report(`baseline: ${baselineName}`, {
    s: bareS,
    cpuS: median(bare.map((b) => b.cpuS)),
    peakMiB: Math.max(...bare.map((b) => b.peakMiB)),
  });
  report(name, {
    s: clientS,
    cpuS: client.cpuMsPerCall / 1000,
    peakMiB: client.peakMiB,
    commands: Object.entries(client.commandsPerCall)
      .map(([p, n]) => `${p}:${n}`)
      .join(','),
    found: `${client.found}/${want}`,
    ratio: `${(clientS / bareS).toFixed(2)}x baseline`,
  });
}

export async function run(): Promise<void> {
  if (!clusterUp()) {
    console.log('  skipped: cluster not up (run scripts/slurm-cluster/up.sh)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-watch-'));
  try {
    cancelBench();
    await endNotice();
    await lookups(dir);
  } finally {
    cancelBench();
    rmSync(dir, { recursive: true, force: true });
  }
}
