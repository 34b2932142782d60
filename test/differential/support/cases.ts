/**
 * The differential cases: hand-picked edge cases plus generated ones (fast-check, fixed seed), each a
 * job spec with everything a scheduler decides left open or deliberately wrong. Jobs are tiny
 * (`sleep 0`–`sleep 2`) so a batch of them ends in seconds on the real cluster.
 */
import type { JobDependency, JobSpecInput } from '@hpckit/core';
import fc from 'fast-check';

/**
 * One case: a spec submitted as `user`, maybe after a parent it depends on, maybe released later.
 * Parents are held until their child has been seen waiting on them (see observe.ts), then sleep
 * 3 s, so later looks land while the child waits on a running parent too.
 */
export interface DiffCase {
  title: string;
  user: 'alice' | 'bob';
  /** The spec, without a name (the runner gives each case a unique one). */
  spec: Omit<JobSpecInput, 'name'>;
  /** A job submitted first; the case's job depends on it with `type`. */
  parent?: { command: string; type: JobDependency['type'] };
  /** For a held job: release it once it has been seen held. */
  release?: boolean;
}

const base = { stdout: '/dev/null', timeLimit: '5m', memory: { perNode: '256M' } } as const;
const bash = (...lines: string[]) => `#!/bin/bash\n${lines.join('\n')}\n`;

/** Cases picked by hand for the rules most likely to differ. */
const EDGE_CASES: readonly DiffCase[] = [
  { title: 'defaults only', user: 'alice', spec: { command: 'sleep 1', stdout: '/dev/null' } },
  { title: 'bob on his only account', user: 'bob', spec: { ...base, command: 'sleep 0' } },
  {
    title: 'bob on an account he is not in',
    user: 'bob',
    spec: { ...base, command: 'true', account: 'electroplating' },
  },
  { title: 'unknown account', user: 'alice', spec: { ...base, command: 'true', account: 'nosuchacct' } },
  { title: 'unknown partition', user: 'alice', spec: { ...base, command: 'true', partition: 'nosuch' } },
  { title: 'unknown QoS', user: 'alice', spec: { ...base, command: 'true', qos: 'nosuchqos' } },
  { title: 'over the QoS maximum', user: 'alice', spec: { ...base, command: 'true', timeLimit: '3d' } },
  {
    title: 'long QoS allows 3 days',
    user: 'alice',
    spec: { ...base, command: 'sleep 1', qos: 'long', timeLimit: '3d' },
  },
  {
    title: 'over the long QoS maximum',
    user: 'alice',
    spec: { ...base, command: 'true', qos: 'long', timeLimit: '5d' },
  },
  {
    title: 'over the partition maximum',
    user: 'alice',
    spec: { ...base, command: 'true', qos: 'long', timeLimit: '8d' },
  },
  {
    title: 'more cores than a node has',
    user: 'alice',
    spec: { ...base, command: 'true', coresPerNode: 65 },
  },
  { title: 'more nodes than the partition has', user: 'alice', spec: { ...base, command: 'true', nodes: 2 } },
  {
    title: 'more memory than a node has',
    user: 'alice',
    spec: { ...base, command: 'true', memory: { perNode: '600G' } },
  },
  {
    title: 'more GPUs than a node has',
    user: 'alice',
    spec: { ...base, command: 'true', partition: 'gpu', gpusPerNode: 9 },
  },
  {
    title: 'GPUs with memory per GPU',
    user: 'alice',
    spec: { ...base, command: 'sleep 1', partition: 'gpu', gpusPerNode: 2, memory: { perGpu: '2G' } },
  },
  {
    title: 'fat default memory per core',
    user: 'alice',
    spec: { command: 'sleep 1', stdout: '/dev/null', partition: 'fat', cpusPerTask: 2 },
  },
  {
    title: 'tasks and cpus per task',
    user: 'alice',
    spec: { ...base, command: 'sleep 1', tasks: 3, cpusPerTask: 2, memory: { perCore: '128M' } },
  },
  { title: 'exit code 3', user: 'alice', spec: { ...base, command: 'sleep 1\nexit 3' } },
  { title: 'killed by a signal', user: 'alice', spec: { ...base, command: 'kill -9 $$' } },
  { title: 'array with a step', user: 'alice', spec: { ...base, command: 'sleep 1', array: '0-6:2' } },
  { title: 'array with a throttle', user: 'alice', spec: { ...base, command: 'sleep 1', array: '0-3%2' } },
  { title: 'array over MaxArraySize', user: 'alice', spec: { ...base, command: 'true', array: '0-20000' } },
  {
    title: 'held, then released',
    user: 'alice',
    spec: { ...base, command: 'sleep 1', hold: true },
    release: true,
  },
  { title: 'held and left held', user: 'alice', spec: { ...base, command: 'sleep 1', hold: true } },
  {
    title: 'afterok on a job that succeeds',
    user: 'alice',
    spec: { ...base, command: 'sleep 1' },
    parent: { command: 'sleep 3', type: 'afterok' },
  },
  {
    title: 'afterok on a job that fails',
    user: 'alice',
    spec: { ...base, command: 'sleep 1' },
    parent: { command: 'sleep 3\nexit 1', type: 'afterok' },
  },
  {
    title: 'afterany on a job that fails',
    user: 'alice',
    spec: { ...base, command: 'sleep 0' },
    parent: { command: 'sleep 3\nexit 2', type: 'afterany' },
  },
  {
    title: 'afternotok on a job that succeeds',
    user: 'alice',
    spec: { ...base, command: 'sleep 0' },
    parent: { command: 'sleep 3', type: 'afternotok' },
  },
  {
    title: 'script directives decide cores, time and memory',
    user: 'alice',
    spec: {
      stdout: '/dev/null',
      script: bash('#SBATCH -c 2', '#SBATCH -t 7', '#SBATCH --mem-per-cpu=300M', 'sleep 1'),
    },
  },
  {
    title: 'a directive repeated: the last one wins',
    user: 'alice',
    spec: { stdout: '/dev/null', script: bash('#SBATCH -c 2', '#SBATCH -c 3', '#SBATCH -t 5', 'sleep 0') },
  },
  {
    title: 'a directive contradicting a field',
    user: 'alice',
    spec: { stdout: '/dev/null', timeLimit: '1h', script: bash('#SBATCH --time=30', 'true') },
  },
  {
    title: 'a script holding itself',
    user: 'alice',
    spec: { stdout: '/dev/null', script: bash('#SBATCH -H -t 5', 'sleep 0') },
    release: true,
  },
  {
    title: 'a script naming an unknown QoS',
    user: 'alice',
    spec: { stdout: '/dev/null', script: bash('#SBATCH --qos=nosuchqos -t 5', 'true') },
  },
  {
    title: 'a script asking for GPUs',
    user: 'alice',
    spec: { stdout: '/dev/null', script: bash('#SBATCH -p gpu --gres=gpu:1 -c 2 --mem=1G -t 5', 'sleep 1') },
  },
  {
    title: 'invalid memory text',
    user: 'alice',
    spec: { ...base, command: 'true', memory: { perNode: '4' } as never },
  },
  { title: 'empty command', user: 'alice', spec: { ...base, command: '' } },
];

const exitCode = fc.constantFrom(0, 0, 0, 1, 3);
const command = fc
  .tuple(fc.integer({ min: 0, max: 2 }), exitCode)
  .map(([s, e]) => (e === 0 ? `sleep ${s}` : `sleep ${s}\nexit ${e}`));

const maybe = <T>(arb: fc.Arbitrary<T>, weight = 1) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight, arbitrary: arb });

const resources = fc.oneof(
  { weight: 3, arbitrary: fc.record({ coresPerNode: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      tasks: fc.integer({ min: 1, max: 3 }),
      cpusPerTask: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ nodes: fc.constantFrom(1, 2), coresPerNode: fc.constantFrom(1, 64, 65) }),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);
const memory = fc.constantFrom<JobSpecInput['memory']>(
  undefined,
  { perNode: '256M' },
  { perNode: '1G' },
  { perCore: '200M' },
  { perNode: '600G' },
);
const partitionAndGpus = fc.oneof(
  { weight: 4, arbitrary: fc.record({ partition: fc.constantFrom(undefined, 'cpu', 'fat') }) },
  {
    weight: 2,
    arbitrary: fc.record({ partition: fc.constant('gpu'), gpusPerNode: fc.constantFrom(0, 1, 2, 9) }),
  },
  { weight: 1, arbitrary: fc.record({ partition: fc.constant('nosuch') }) },
);
const qosAndTime = fc.record({
  qos: fc.constantFrom(undefined, undefined, 'normal', 'long', 'nosuchqos'),
  timeLimit: fc.constantFrom(undefined, '2m', '10m', '1h', '3d', '5d', '8d'),
});
const who = fc.constantFrom<Pick<DiffCase['spec'], 'account'> & { user: DiffCase['user'] }>(
  { user: 'alice' },
  { user: 'alice', account: 'electroplating' },
  { user: 'alice', account: 'ai4ec' },
  { user: 'bob' },
  { user: 'bob', account: 'electroplating' },
  { user: 'alice', account: 'nosuchacct' },
);
const extras = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: fc.record({ array: fc.constantFrom('0-2', '0-6:2', '0-3%2', '1,3', '0-20000') }) },
  { weight: 2, arbitrary: fc.record({ hold: fc.constant(true), release: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      parent: fc.record({
        command: fc.constantFrom('sleep 3', 'sleep 3\nexit 1'),
        type: fc.constantFrom<JobDependency['type']>('afterok', 'afterany', 'afternotok'),
      }),
    }),
  },
);

/** A structured-fields case. */
const fieldCase: fc.Arbitrary<DiffCase> = fc
  .record({ command, resources, memory, partitionAndGpus, qosAndTime, who, extras })
  .map(({ command, resources, memory, partitionAndGpus, qosAndTime, who: { user, ...account }, extras }) => {
    const { release, parent, ...specExtras } = extras as {
      release?: boolean;
      parent?: DiffCase['parent'];
      array?: string;
      hold?: boolean;
    };
    const spec = strip({
      command,
      stdout: '/dev/null',
      ...resources,
      memory,
      ...partitionAndGpus,
      ...qosAndTime,
      ...account,
      ...specExtras,
    });
    const c: DiffCase = { title: 'generated', user, spec };
    if (release) c.release = true;
    if (parent) c.parent = parent;
    return c;
  });

/** A script case: directives decide what fields do not. */
const scriptCase: fc.Arbitrary<DiffCase> = fc
  .record({
    cores: fc.integer({ min: 1, max: 3 }),
    repeatCores: maybe(fc.integer({ min: 1, max: 3 })),
    time: fc.constantFrom('-t 3', '--time=10', '--time 1:00:00', '-t 3-00:00:00', '-t 9-0'),
    partition: maybe(fc.constantFrom('-p gpu --gres=gpu:1', '-p fat', '--partition=nosuch')),
    memory: maybe(fc.constantFrom('--mem=500M', '--mem-per-cpu=100M')),
    hold: fc.boolean(),
    command,
  })
  .map(({ cores, repeatCores, time, partition, memory, hold, command }) => {
    const lines = [`#SBATCH -c ${cores} ${time}`];
    if (repeatCores !== undefined) lines.push(`#SBATCH --cpus-per-task=${repeatCores}`);
    if (partition !== undefined) lines.push(`#SBATCH ${partition}`);
    if (memory !== undefined) lines.push(`#SBATCH ${memory}`);
    if (hold) lines.push('#SBATCH --hold');
    const c: DiffCase = {
      title: 'generated script',
      user: 'alice',
      spec: { stdout: '/dev/null', script: bash(...lines, command) },
    };
    if (hold) c.release = true;
    return c;
  });

const generated = fc.oneof({ weight: 4, arbitrary: fieldCase }, { weight: 1, arbitrary: scriptCase });

/** The fixed seed: the same 200 cases on every run, unless `HPCKIT_DIFF_SEED` says otherwise. */
export const DIFF_SEED = 20_261_202;

/** The edge cases, then generated ones up to `count`, numbered in order. */
export function diffCases(count: number, seed = DIFF_SEED): DiffCase[] {
  const extra = Math.max(0, count - EDGE_CASES.length);
  const sampled = extra === 0 ? [] : fc.sample(generated, { numRuns: extra, seed });
  return [...EDGE_CASES, ...sampled].slice(0, count).map((c, i) => ({ ...c, title: `#${i} ${c.title}` }));
}

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
