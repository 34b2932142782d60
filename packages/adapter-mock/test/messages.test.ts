/**
 * Every refusal of bad input the mock words itself, triggered through its public API and read in
 * English and Chinese: the issue's path and rule, and each language's words. The subject of a
 * mock-only input names the call that took it (`mockAdapter(options)`, `faults.latency(ms)`); the
 * job spec and a time-limit change are core's subjects. Each locale words the subject too.
 */
import {
  createClient,
  formatError,
  type HpckitClient,
  isHpckitError,
  registeredIssueRules,
  type ValidationError,
} from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { englishIn } from '../../../test/support/english-in.js';
import { type MockAdapter, type MockClusterInput, mockAdapter } from '../src/index.js';

/** A cluster whose partition has no time limits, so a job can have none. */
const tiny: MockClusterInput = {
  name: 'tiny',
  partitions: [{ name: 'p', nodes: 1, node: { cores: 2, memory: '4G' } }],
  accounts: [{ name: 'lab', members: ['alice'] }],
};

const clients: HpckitClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function setUp(): { adapter: MockAdapter; alice: HpckitClient } {
  const adapter = mockAdapter({ cluster: tiny });
  const client = createClient({ clusters: { tiny: { adapter } } });
  clients.push(client);
  return { adapter, alice: client.as('alice') };
}

/** The validation error a call throws or rejects with (the test fails if it gives none). */
async function refusal(call: () => unknown): Promise<ValidationError> {
  let error: unknown;
  try {
    await call();
  } catch (err) {
    error = err;
  }
  if (!isHpckitError(error, 'VALIDATION'))
    throw new Error(`expected a VALIDATION error, got ${String(error)}`);
  return error;
}

interface Case {
  rule: string;
  /** What the case does wrong. */
  input: string;
  call: () => unknown;
  path: string;
  en: string;
  zh: string;
}

const outcomes = 'completed|failed|out_of_memory|node_fail|boot_fail|preempted|deadline';

const cases: Case[] = [
  {
    rule: 'greater_than_zero',
    input: 'a clock scale of 0',
    call: () => mockAdapter({ clock: { mode: 'scaled', scale: 0 } }),
    path: 'options.clock.scale',
    en: 'must be greater than zero',
    zh: '应大于零',
  },
  {
    rule: 'not_a_real_clock',
    input: 'a real clock that is a number',
    call: () => mockAdapter({ clock: { realTime: 1 as never } }),
    path: 'options.clock.realTime',
    en: 'must be a function returning milliseconds',
    zh: '应为返回毫秒数的函数',
  },
  {
    rule: 'not_a_job_behavior',
    input: 'a job behaviour that is a string, in the options',
    call: () => mockAdapter({ jobBehavior: 'sleep' as never }),
    path: 'options.jobBehavior',
    en: 'must be a function (spec, job) => ({ runtime, exitCode?, outcome? })',
    zh: '应为函数 `(spec, job) => ({ runtime, exitCode?, outcome? })`',
  },
  {
    rule: 'not_a_job_behavior',
    input: 'a job behaviour that is a string, set later',
    call: () => {
      setUp().adapter.jobBehavior = 'sleep' as never;
    },
    path: 'jobBehavior',
    en: 'must be a function (spec, job) => ({ runtime, exitCode?, outcome? })',
    zh: '应为函数 `(spec, job) => ({ runtime, exitCode?, outcome? })`',
  },
  {
    rule: 'first_job_id_too_big',
    input: 'a first job id of 2^32',
    call: () => mockAdapter({ firstJobId: 2 ** 32 }),
    path: 'options.firstJobId',
    en: 'must be below 2^31',
    zh: '应小于 2^31',
  },
  {
    rule: 'id_prefix',
    input: 'an id prefix of digits',
    call: () => mockAdapter({ idPrefix: '12' }),
    path: 'options.idPrefix',
    en: 'must be letters, "." or "-", starting with a letter (digits would blur the id)',
    zh: '只能包含字母、"." 或 "-"，并以字母开头（数字会与作业编号混淆）',
  },
  {
    rule: 'absolute_directory',
    input: 'relative homes',
    call: () => mockAdapter({ homes: 'home' }),
    path: 'options.homes',
    en: 'must be an absolute directory',
    zh: '应为绝对路径的目录',
  },
  {
    rule: 'not_homes',
    input: 'homes that are a number',
    call: () => mockAdapter({ homes: 5 as never }),
    path: 'options.homes',
    en: 'must be a directory or a function (user) => home',
    zh: '应为目录或函数 `(user) => home`',
  },
  {
    rule: 'not_a_file_sink',
    input: 'files without mkdir and writeFile',
    call: () => mockAdapter({ files: {} as never }),
    path: 'options.files',
    en: 'must have mkdir(path, { recursive }) and writeFile(path, data), as a FileSystem of @hpckit/remote does',
    zh: '应具有 `mkdir(path, { recursive })` 和 `writeFile(path, data)`，如 @hpckit/remote 的 FileSystem',
  },
  {
    rule: 'unknown_default_user',
    input: 'a default user the cluster does not have',
    call: () => mockAdapter({ cluster: tiny, defaultUser: 'zed' }),
    path: 'options.defaultUser',
    en: `"zed" is not a user of the cluster: add it to "cluster.users" or an account's members`,
    zh: '"zed" 不是集群的用户：请把它加入 "cluster.users" 或某个账户的成员',
  },
  {
    rule: 'not_a_capability',
    input: 'capabilities that do not exist',
    call: () => mockAdapter({ capabilities: { 'jobs.hol': false, holds: false } as never }),
    path: 'options.capabilities',
    en: '"jobs.hol", "holds" are not capabilities: use jobs.render, jobs.hold,',
    zh: '"jobs.hol"、"holds" 不是能力（capability）名：可用的有 jobs.render、jobs.hold、',
  },
  {
    rule: 'longer_than_zero',
    input: "a partition's maximum time of 0 s",
    call: () =>
      mockAdapter({ cluster: { ...tiny, partitions: [{ ...tiny.partitions[0]!, maxTime: '0s' }] } }),
    path: 'options.cluster.partitions.0.maxTime',
    en: 'must be longer than zero: write a duration such as "30m" or "7d", or leave it out',
    zh: '应长于零：请写成 "30m" 或 "7d" 这样的时长，或不写此项',
  },
  {
    rule: 'at_least_one_partition',
    input: 'a cluster without partitions',
    call: () => mockAdapter({ cluster: { ...tiny, partitions: [] } }),
    path: 'options.cluster.partitions',
    en: 'give at least one partition, e.g. [{ name: "cpu", nodes: 4, node: { cores: 64, memory: "251G" } }]',
    zh: '请至少给出一个分区，例如 `[{ name: "cpu", nodes: 4, node: { cores: 64, memory: "251G" } }]`',
  },
  {
    rule: 'ip_address',
    input: 'a node address that is a host name',
    call: () => mockAdapter({ cluster: { ...tiny, nodeAddress: 'localhost' } }),
    path: 'options.cluster.nodeAddress',
    en: 'must be an IPv4 or IPv6 address, e.g. "127.0.0.1"',
    zh: '应为 IPv4 或 IPv6 地址，例如 "127.0.0.1"',
  },
  {
    rule: 'whole_number',
    input: 'one and a half unavailable calls',
    call: () => setUp().adapter.faults.unavailable(1.5),
    path: 'n',
    en: 'must be a whole number',
    zh: '应为整数',
  },
  {
    rule: 'at_least_one_call',
    input: 'no unavailable calls',
    call: () => setUp().adapter.faults.unavailable(0),
    path: 'n',
    en: 'must be at least 1: the number of calls that fail',
    zh: '应至少为 1：即失败的调用次数',
  },
  {
    rule: 'not_negative',
    input: 'a negative latency',
    call: () => setUp().adapter.faults.latency(-1),
    path: 'ms',
    en: 'must not be negative',
    zh: '不能为负数',
  },
  {
    rule: 'finite_milliseconds',
    input: 'an infinite latency',
    call: () => setUp().adapter.faults.latency(Number.POSITIVE_INFINITY),
    path: 'ms',
    en: 'must be a finite number of milliseconds, e.g. 200',
    zh: '应为有限的毫秒数，例如 200',
  },
  {
    rule: 'finite_seconds',
    input: 'a job behaviour with an infinite runtime',
    call: () => {
      const { adapter, alice } = setUp();
      adapter.jobBehavior = () => ({ runtime: Number.POSITIVE_INFINITY });
      return alice.jobs.submit({ command: 'true' });
    },
    path: 'runtime',
    en: 'must be a finite number of seconds, e.g. 60',
    zh: '应为有限的秒数，例如 60',
  },
  {
    rule: 'not_negative',
    input: 'a job behaviour with a negative runtime',
    call: () => {
      const { adapter, alice } = setUp();
      adapter.jobBehavior = () => ({ runtime: -5 });
      return alice.jobs.submit({ command: 'true' });
    },
    path: 'runtime',
    en: 'must not be negative',
    zh: '不能为负数',
  },
  {
    rule: 'whole_number',
    input: 'a job behaviour with a fractional signal',
    call: () => {
      const { adapter, alice } = setUp();
      adapter.jobBehavior = () => ({ runtime: 1, signal: 9.5 });
      return alice.jobs.submit({ command: 'true' });
    },
    path: 'signal',
    en: 'must be a whole number',
    zh: '应为整数',
  },
  {
    rule: 'bad_mock_line',
    input: 'a "# mock:" line in a command with an unknown outcome',
    call: () => setUp().alice.jobs.submit({ command: '# mock: outcome=oom\nsleep 1' }),
    path: 'command',
    en: `the "# mock:" line has "outcome=oom": write outcome=<${outcomes}>, runtime=<seconds or "10m"> or exit=<0-255>`,
    zh: `"# mock:" 行中的 "outcome=oom" 无法识别：请写 \`outcome=<${outcomes}>\`、\`runtime=<秒数或 10m>\` 或 \`exit=<0-255>\``,
  },
  {
    rule: 'bad_mock_line',
    input: 'a "# mock:" line in a script with an exit code above 255',
    call: () => setUp().alice.jobs.submit({ script: '#!/bin/bash\n# mock: exit=300\n' }),
    path: 'script',
    en: `the "# mock:" line has "exit=300": write outcome=<${outcomes}>`,
    zh: '"# mock:" 行中的 "exit=300" 无法识别：',
  },
  {
    rule: 'bad_mock_line',
    input: 'a "# mock:" line with a very long word, quoted cut short',
    call: () =>
      setUp().alice.jobs.submit({ command: `# mock: runtime=${'9'.repeat(50)}x${'y'.repeat(5000)}` }),
    path: 'command',
    en: `the "# mock:" line has "runtime=${'9'.repeat(50)}xy…": write`,
    zh: `"# mock:" 行中的 "runtime=${'9'.repeat(50)}xy…" 无法识别`,
  },
  {
    rule: 'bad_begin_time',
    input: 'a begin time the mock cannot read',
    call: () => setUp().alice.jobs.submit({ command: 'true', directives: { begin: 'tomorrowish' } }),
    path: 'directives.begin',
    en: '"tomorrowish" is not a begin time: use "now+1hour", "now+90" (seconds) or "2026-01-01T10:00:00"',
    zh: '"tomorrowish" 不是有效的开始时间：请写 "now+1hour"、"now+90"（秒）或 "2026-01-01T10:00:00"',
  },
  {
    rule: 'date_in_past',
    input: 'advancing the clock to a past date',
    call: () => setUp().adapter.clock.advanceTo(new Date('2025-12-31T23:00:00Z')),
    path: 'date',
    en: '2025-12-31T23:00:00.000Z is before the virtual now (2026-01-01T00:00:00.000Z): time only moves forward, so pass a later date',
    zh: '2025-12-31T23:00:00.000Z 早于虚拟时钟的当前时间（2026-01-01T00:00:00.000Z）：时间只能向前，请传入更晚的日期',
  },
  {
    rule: 'no_time_limit_to_change',
    input: 'changing by a delta a job without a time limit',
    call: async () => {
      const { alice } = setUp();
      const handle = await alice.jobs.submit({ command: 'sleep 1h', hold: true });
      return alice.jobs.updateTimeLimit(handle.id, { delta: '+30m' });
    },
    path: 'delta',
    en: "job 1000 has no time limit to change by +30m: set one with { set: '1h' }",
    zh: "作业 1000 没有运行时间上限，无法改变 +30m：请用 `{ set: '1h' }` 设定一个",
  },
  {
    rule: 'time_limit_not_positive',
    input: 'a delta that takes a time limit below zero',
    call: async () => {
      const { alice } = setUp();
      const handle = await alice.jobs.submit({ command: 'sleep 1h', timeLimit: '1h 30m', hold: true });
      return alice.jobs.updateTimeLimit(handle.id, { delta: '-2h' });
    },
    path: 'delta',
    en: 'job 1000 has a time limit of 1h 30m, which this change would take to zero or below: it must stay above zero',
    zh: '作业 1000 的运行时间上限为 1h 30m，此修改会使其变为零或负数：上限必须大于零',
  },
];

describe('the mock refuses bad input in English and Chinese', () => {
  it.each(cases)('$rule: $input', async ({ rule, call, path, en, zh }) => {
    const err = await refusal(call);
    const issue = err.details.issues.find((i) => i.facts?.rule === `mock.${rule}`);
    expect(issue?.path.join('.'), JSON.stringify(err.details.issues)).toBe(path);

    const english = formatError(err, { hint: false });
    expect(english).toContain(`at "${path}": ${en}`);
    expect(english.startsWith(`Invalid ${err.details.subject}: `)).toBe(true);

    const chinese = formatError(err, { locale: 'zh-CN', hint: false });
    expect(chinese).toContain(`"${path}"：${zh}`);
    // The subject leads the Chinese sentence, worded in Chinese around the call's name.
    const [subject = ''] = chinese.split('无效：');
    expect(subject, chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(englishIn(chinese), chinese).toBeUndefined();
  });

  it('covers every rule the mock words', () => {
    const rules = Object.keys(registeredIssueRules().get('mock')?.en ?? {});
    expect(rules.length).toBeGreaterThan(0);
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual(rules.sort());
  });

  it('names the call that took the input as the subject of every mock-only refusal', async () => {
    const { adapter } = setUp();
    const calls: [string, () => unknown][] = [
      ['mockAdapter(options)', () => mockAdapter({ minJobAge: 'soon' })],
      [
        'faults.unavailable(n, options)',
        () => adapter.faults.unavailable(1, { operations: ['jobs.lst' as never] }),
      ],
      ['faults.latency(ms)', () => adapter.faults.latency(-1)],
      ['faults.purgeBeforeAccounting(on)', () => adapter.faults.purgeBeforeAccounting('yes' as never)],
      ['faults.accountingDisabled(on)', () => adapter.faults.accountingDisabled(1 as never)],
      ['faults.accountingDelay(duration)', () => adapter.faults.accountingDelay('later')],
      ['clock.advance(duration)', () => adapter.clock.advance('later')],
      ['clock.advanceTo(date)', () => adapter.clock.advanceTo('2030-01-01' as never)],
      ['clock.runUntilIdle(options)', () => adapter.clock.runUntilIdle({ limit: 'never' })],
    ];
    for (const [subject, call] of calls) {
      const err = await refusal(call);
      expect(err.details.subject).toBe(subject);
      const chinese = formatError(err, { locale: 'zh-CN', hint: false });
      expect(englishIn(chinese), chinese).toBeUndefined();
    }
  });
});

describe("the mock's refusals of a job leave no English in Chinese", () => {
  function ikkem(): HpckitClient {
    const client = createClient({ clusters: { hpc: { adapter: mockAdapter() } } });
    clients.push(client);
    return client.as('alice');
  }
  async function refused(call: () => Promise<unknown>): Promise<[string, string]> {
    const err = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isHpckitError(err), String(err)).toBe(true);
    return [formatError(err, { hint: false }), formatError(err, { locale: 'zh-CN', hint: false })];
  }

  it.each([
    ['nodes', { nodes: 99 }, '99 nodes', '99 个节点'],
    ['cores per node', { coresPerNode: 65 }, '65 cores per node', '65 核/节点'],
    ['GPUs per node', { partition: 'gpu', gpusPerNode: 9 }, '9 GPUs per node', '9 块 GPU/节点'],
    ['memory per node', { memory: { perNode: '300G' } }, '307200 MiB per node', '307200 MiB/节点'],
  ])('names the resource asked for beyond a node (%s) in each language', async (_, ask, en, zh) => {
    const [english, chinese] = await refused(() => ikkem().jobs.submit({ command: 'true', ...ask }));
    expect(english).toContain(`(${en})`);
    expect(chinese).toContain(`（${zh}）`);
    expect(englishIn(chinese), chinese).toBeUndefined();
  });

  it('refuses to raise the time limit of a running job in each language', async () => {
    const alice = ikkem();
    const handle = await alice.jobs.submit({ command: 'sleep 2h', timeLimit: '1h' });
    const [english, chinese] = await refused(() => alice.jobs.updateTimeLimit(handle.id, { set: '3h' }));
    expect(english).toBe(`User "alice" may not raise the time limit of running job ${handle.id}.`);
    expect(chinese).toBe(`用户“alice”无权提高正在运行的作业 ${handle.id} 的运行时间上限。`);
  });
});
