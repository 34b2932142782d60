/**
 * The billing sites that used to keep English in a Chinese message: the names of money values
 * (`moneyToDecimal` and friends), the pricing refusals of price and quote, the ledger's amount
 * checks, a missing account's hint, the import's skip reasons and every resource-policy rule
 * `formatViolation` words from a `Violation`. Each is read through the public API in both
 * languages, and the Chinese must hold no English sentence.
 */
import { ikkemMockCluster, mockAdapter } from '@hpckit/adapter-mock';
import { createClient, formatError, formatViolation, type JobSpecInput, VIOLATION_CODES } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { englishIn } from '../../../test/support/english-in.js';
import {
  assertAffordable,
  createBonusCalculator,
  createPricingEngine,
  createResourcePolicy,
  ikkemPreset,
  isAffordable,
  moneyToDecimal,
  sumMoney,
  toDecimal,
} from '../src/index.js';
import {
  createLedger,
  createMemoryStore,
  importFromScheduler,
  MAX_LEDGER_AMOUNT,
} from '../src/ledger/index.js';
import { makeJob } from './make-job.js';
import { thrownBy } from './thrown-by.js';

/** The message in both languages; the Chinese must keep no English sentence. */
function both(err: unknown): [string, string] {
  const en = formatError(err);
  const zh = formatError(err, { locale: 'zh-CN' });
  expect(englishIn(zh), zh).toBeUndefined();
  return [en, zh];
}

const site = ikkemPreset();
const engine = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
const bare = createPricingEngine({ table: site.priceTable });
const context = { cluster: 'ikkem', accountType: 'internal' } as const;
const priceContext = { accountType: 'internal' } as const;

describe('money values are named in both languages', () => {
  it.each([
    [
      'moneyToDecimal, by default',
      () => moneyToDecimal({ amount: '1', currency: 'USD' }, 'CNY'),
      'Invalid money: ',
      '金额无效：',
    ],
    [
      'money()',
      () => sumMoney([{ amount: 0.1 as never, currency: 'CNY' }], 'CNY'),
      'Invalid money at index 0:',
      '第 0 项（从 0 数起）金额无效：',
    ],
    [
      'sumMoney at an index',
      () =>
        sumMoney(
          [
            { amount: '1', currency: 'CNY' },
            { amount: '1', currency: 'USD' },
          ],
          'CNY',
        ),
      'Invalid money at index 1:',
      '第 1 项（从 0 数起）金额无效：',
    ],
    [
      'the available amount',
      () =>
        isAffordable(engine.quote({ command: 'x', partition: 'cpu', timeLimit: '1h' }, context), {
          amount: '1',
          currency: 'USD',
        }),
      'Invalid available amount:',
      '可用金额无效：',
    ],
    [
      'a prior payment',
      () =>
        createBonusCalculator(site.bonusRules).bonusFor({ amount: '1', currency: 'CNY' }, [
          { amount: '1', currency: 'USD' },
        ] as never),
      'Invalid prior payment at index 0:',
      '第 0 笔（从 0 数起）先前付款无效：',
    ],
    [
      'the year total',
      () => createBonusCalculator(site.bonusRules).rateFor({ amount: '1', currency: 'USD' }),
      'Invalid year total:',
      '全年总额无效：',
    ],
  ])('%s', (_, call, en, zh) => {
    const [english, chinese] = both(thrownBy(call));
    expect(english).toContain(en);
    expect(chinese.startsWith(zh), chinese).toBe(true);
  });

  it("keeps a caller's own name for toDecimal as written", () => {
    const err = thrownBy(() => toDecimal('1e3', 'rate of item cpu'));
    expect(formatError(err)).toMatch(/^Invalid rate of item cpu: /);
    expect(formatError(err, { locale: 'zh-CN' })).toMatch(/^rate of item cpu无效：应为十进制字符串/);
  });
});

describe('pricing refusals are worded in both languages', () => {
  it.each([
    [
      'a job that has not ended',
      () => engine.price(makeJob({ state: { phase: 'running', raw: 'RUNNING' } as never }), priceContext),
      'Invalid job: at "state.phase": is "running": only ended jobs have a price',
      '作业无效："state.phase"：为“running”：只有已结束的作业才有价格',
    ],
    [
      'a job without a partition',
      () => engine.price(makeJob({ partition: undefined }), priceContext),
      'Invalid job: at "partition": is missing: the adapter must report the partition',
      '作业无效："partition"：缺失：适配器必须报告作业运行所在的分区',
    ],
    [
      'an option the fields do not show',
      () =>
        engine.quote(
          { script: '#!/bin/bash\n#SBATCH -p gpu --gres=gpu:1 -t 1:00:00 --exclusive\nx\n' },
          context,
        ),
      'Invalid job spec: at "directives.exclusive": cannot be quoted: --exclusive changes what the job is allocated',
      '作业描述无效："directives.exclusive"：无法报价：--exclusive 改变了作业分配的资源',
    ],
    [
      'no partition and no cluster config',
      () => bare.quote({ command: 'x', timeLimit: '1h' }, context),
      `Invalid job spec: at "partition": is missing; name a partition, or give the engine cluster "ikkem"'s config`,
      '作业描述无效："partition"：缺失；请指定分区，或把集群“ikkem”的配置交给计价引擎',
    ],
    [
      'no time limit and nothing bounding it',
      () => bare.quote({ command: 'x', partition: 'cpu' }, context),
      'Invalid job spec: at "timeLimit": is missing and no partition default',
      '作业描述无效："timeLimit"：缺失，且没有分区默认值、分区上限或 QoS 上限限制运行时间',
    ],
  ])('%s', (_, call, en, zh) => {
    const [english, chinese] = both(thrownBy(call));
    expect(english.startsWith(en), english).toBe(true);
    expect(chinese.startsWith(zh), chinese).toBe(true);
  });

  it('names the account a quote cannot be afforded from', () => {
    const quote = engine.quote({ command: 'x', partition: 'cpu', timeLimit: '10h' }, context);
    const err = thrownBy(() =>
      assertAffordable(quote, { amount: '0.01', currency: 'CNY' }, { account: 'chem' }),
    );
    const [english, chinese] = both(err);
    expect(english).toContain('available to account "chem"');
    expect(chinese).toContain('超过了账户“chem”可用的 0.01 CNY');
  });
});

describe("the ledger's refusals are worded in both languages", () => {
  const admin = () => {
    const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
    return ledger.as({ user: 'fin', roles: ['finance', 'platform-admin'] });
  };

  it('names the balance a payment would take beyond what a ledger keeps', async () => {
    const finance = admin();
    await finance.createAccount({ name: 'chem', type: 'internal', owner: 'alice' });
    await finance.recordPayment('chem', { amount: MAX_LEDGER_AMOUNT, type: 'bank transfer' });
    const err = await finance
      .recordPayment('chem', { amount: '1', type: 'bank transfer' })
      .catch((e: unknown) => e);
    const [english, chinese] = both(err);
    expect(english).toMatch(
      /^Invalid balance of account "chem": would be .*, beyond .*; amounts this large are refused/,
    );
    expect(chinese).toMatch(/^账户“chem”的余额无效：将为 .*，超过了 .*；这么大的金额会被拒绝而不是舍入/);
  });

  it('says how to create an account it does not have', async () => {
    const err = await admin()
      .recordPayment('nope', { amount: '1', type: 'bank transfer' })
      .catch((e: unknown) => e);
    const [english, chinese] = both(err);
    expect(english).toBe(
      'Account "nope" was not found. Create it with ledger.createAccount() first, or check the spelling.',
    );
    expect(chinese).toBe('未找到账户“nope”。请先用 ledger.createAccount() 创建，或检查拼写。');
  });

  it('gives every reason an import skips something in both languages', async () => {
    const scheduler = mockAdapter({
      cluster: ikkemMockCluster({
        accounts: [
          { name: 'crowd', members: ['erin', 'frank'] },
          { name: 'ok', members: [{ user: 'ivan', coordinator: true }, '0123'] },
        ],
        users: [],
      }),
    });
    const client = createClient({ clusters: { ikkem: { adapter: scheduler } } });
    const ledger = createLedger({ store: createMemoryStore(), currency: 'CNY' });
    const report = await importFromScheduler({ ledger, client, accountType: 'internal', dryRun: true });
    const reasons = report.skipped.map((s) => s.message);
    expect(reasons.length).toBe(2);
    for (const message of reasons) {
      expect(message.en).toMatch(/^(the name is not|no owner)/);
      expect(englishIn(message['zh-CN']), message['zh-CN']).toBeUndefined();
    }
  });
});

describe('formatViolation words every rule from a Violation alone', () => {
  const policy = createResourcePolicy({
    defaultQos: 'normal',
    partitions: [
      {
        name: 'cpu',
        maxCoresPerNode: 64,
        maxMemoryPerCore: '4G',
        maxMemoryPerNode: '200G',
        maxWallTime: '2d',
        allowedQos: ['normal'],
      },
      {
        name: 'gpu',
        gpusRequired: true,
        maxGpusPerNode: 4,
        maxCoresPerGpu: 8,
        maxMemoryPerGpu: '64G',
      },
    ],
    qos: [{ name: 'normal', maxWallTime: '1d' }, { name: 'long' }],
  });
  const specs: [string, JobSpecInput][] = [
    ['partition_required', { command: 'x' }],
    ['unknown_partition', { command: 'x', partition: 'nope' }],
    ['unknown_qos', { command: 'x', partition: 'cpu', qos: 'nope' }],
    ['qos_not_allowed', { command: 'x', partition: 'cpu', qos: 'long' }],
    ['gpu_required', { command: 'x', partition: 'gpu' }],
    ['gpus_per_node', { command: 'x', partition: 'gpu', gpusPerNode: 5, coresPerNode: 8 }],
    ['cores_per_node', { command: 'x', partition: 'cpu', coresPerNode: 65 }],
    ['gpu_cores_per_node', { command: 'x', partition: 'gpu', gpusPerNode: 1, coresPerNode: 16 }],
    ['memory_per_core', { command: 'x', partition: 'cpu', coresPerNode: 2, memory: { perNode: '16G' } }],
    ['gpu_memory_per_node', { command: 'x', partition: 'gpu', gpusPerNode: 1, memory: { perNode: '128G' } }],
    ['node_memory', { command: 'x', partition: 'cpu', coresPerNode: 64, memory: { perNode: '250G' } }],
    ['qos_wall_time', { command: 'x', partition: 'cpu', timeLimit: '30h' }],
    ['partition_wall_time', { command: 'x', partition: 'cpu', qos: 'normal', timeLimit: '3d' }],
    ['directive_not_allowed', { command: 'x', partition: 'cpu', directives: { exclusive: true } }],
  ];

  it('covers every violation code', () => {
    expect(new Set(specs.map(([code]) => code))).toEqual(new Set(VIOLATION_CODES));
  });

  it.each(specs)('%s', (code, spec) => {
    const violation = policy.check(spec).violations.find((v) => v.code === code);
    expect(violation, JSON.stringify(policy.check(spec).violations.map((v) => v.code))).toBeDefined();
    if (!violation) return;
    // A portal that keeps only the Violation's fields (no message) words it the same.
    const { message, ...facts } = violation;
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = formatViolation(facts, { locale });
      expect(text).toBe(message[locale]);
      expect(text).not.toMatch(/undefined|NaN/);
    }
    expect(englishIn(message['zh-CN']), message['zh-CN']).toBeUndefined();
  });
});
