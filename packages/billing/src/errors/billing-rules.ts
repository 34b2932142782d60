import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';
const n = (value: number | string | undefined) => (value === undefined ? '?' : String(value));

const en = {
  not_a_currency: (f) =>
    `${f.value === undefined ? 'must be' : `"${f.value}" is not`} an ISO 4217 code such as "CNY"`,
  wrong_currency: (f) =>
    `is ${q(f.value)} but ${q(f.item)} was expected; convert it first (amounts in different currencies never add up)`,
  js_number_amount: (f) =>
    `must be a decimal string: it is the JS number ${q(f.value)}; write it as a string such as "${q(f.value)}" so no binary rounding can creep in`,
  not_a_decimal: (f) =>
    `must be a decimal string: ${q(f.value)} is not a decimal; write it as a string such as "12.50"`,
  too_many_places: (f) => `must have at most ${n(f.maximum)} decimal places (the ledger never rounds)`,
  positive_amount: () => 'must be greater than zero; to take money back, reverse the entry instead',
  amount_too_large: (f) => `must be at most ${n(f.maximum)}, the largest amount a ledger keeps exactly`,
  amount_out_of_range: (f) =>
    `must lie between -${n(f.maximum)} and ${n(f.maximum)}, the largest amount a ledger keeps exactly`,
  time_out_of_range: () => 'must lie between 0001-01-01 and 9999-12-31 (UTC)',
  not_a_store: () => 'must be a ledger store, e.g. createMemoryStore() or await createSqliteStore({ path })',
  not_a_ledger: () => 'must be a ledger, e.g. createLedger({ store, currency })',
  not_a_time_zone: () => 'must be an IANA time zone such as "Asia/Shanghai" or "UTC"',
  not_a_clock: () => 'must be a function returning a Date',
  not_a_client: () => 'must be an hpckit client, e.g. createClient({ clusters })',
  tiers_ascending: () => 'must be greater than the previous tier\'s "above"; list tiers in ascending order',
  tier_rate_lower: () =>
    "is below the previous tier's rate; a higher total earning a lower rate would take bonus back from a payment",
  not_an_instant: () =>
    'must be an ISO 8601 timestamp with an offset, such as "2025-01-01T00:00:00+08:00" or "…Z"',
  invalid_instant: () => 'is not a valid moment in time',
  repeated_partition: (f) => `repeats partition "${q(f.value)}"`,
  default_memory_above_max: () =>
    'exceeds maxMemoryPerCore, so every job relying on the default would be refused',
  unlisted_qos: (f) => `names QoS "${q(f.value)}", which "qos" does not list`,
  repeated_qos: (f) => `repeats QoS "${q(f.value)}"`,
  unlisted_default: (f) => `names "${q(f.value)}", which "${q(f.item)}" does not list`,
  repeated_item_id: (f) => `repeats the id of items[${n(f.count)}]; ids must be unique`,
  same_version: (f) =>
    `items[${n(f.count)}] has the same selectors and takes effect at the same moment, so neither can win; give one a later effectiveFrom`,
  until_before_from: () => 'must be later than effectiveFrom',
  unknown_account_type: (f) =>
    `"${q(f.value)}" is not one of the table's accountTypes (${(f.names ?? []).join(', ')})`,
  minimum_charge_places: (f) =>
    `has ${n(f.count)} decimal places but charges have ${n(f.maximum)} ("precision"); raise the precision or shorten the minimum charge`,
  at_least_one_item: () => 'a price table needs at least one item',
  not_a_postgres_url: () => 'must be a URL such as "postgres://user@127.0.0.1:5433/db"',
  not_an_sql_identifier: () => 'must be a lower-case SQL identifier such as "ledger"',
  no_database_file: () => 'must name a database file, e.g. "./ledger.db"',
  option_name: () => 'name options as sbatch long names without dashes, e.g. "exclusive"',
  comment_too_long: (f) => `must be at most ${n(f.maximum)} characters`,
  no_payment_type: () => 'must name the payment type, e.g. "bank transfer"',
  no_cluster: () => 'must name at least one cluster',
  whole_number: () => 'must be a whole number',
  at_least_one: () => 'must be at least 1',
  not_a_function: () => 'must be a function',
  ledger_from_create: () => 'must be a ledger from createLedger()',
  client_or_job_source: () => 'must be a client or a job source',
  not_a_pricer: () => 'must be a function (job, context) => PricedJob, e.g. engine.price',
  price_item_id: () => 'must be 1–200 letters, digits or "_.:/-", not starting with a symbol',
  not_a_cursor: () => 'must be the nextCursor of a previous page, unchanged',
  not_platform_roles: () => 'must be a function (user) => PlatformRole[]',
  beyond_ledger_range: (f) =>
    `the ${q(f.item)} would be ${q(f.value)}, beyond ${n(f.maximum)}, the largest amount a ledger keeps exactly`,
  beyond_ledger_scale: (f) =>
    `${q(f.value)} has more than ${n(f.maximum)} decimal places; the ledger keeps amounts exactly and does not round them: round it first`,
  charge_currency: (f) =>
    `job ${q(f.item)} was priced in ${q(f.value)} but the ledger keeps ${q(f.text)}: use a price table in the ledger's currency`,
  unregistered_strategy: (f) =>
    `names the custom strategy "${q(f.value)}", which is not registered; pass it in the engine's "strategies" option${
      f.names?.length ? ` (registered: ${f.names.join(', ')})` : ''
    }`,
  memory_unknown: (f) =>
    `is unknown, but price item "${q(f.item)}" bills max(cores, memory); ${
      f.text === 'job'
        ? 'the adapter must report the allocated or requested memory of the job'
        : "request memory in the spec, run the resource policy's applyDefaults first, or give the engine the cluster config"
    }`,
  billing_tres_missing: (f) =>
    `is missing, but price item "${q(f.item)}" bills Slurm's "billing" TRES; the job reports no allocated.billing (sacct AllocTRES "billing=N"); pass it as context.billingTres`,
  not_a_quantity: (f) =>
    `${q(f.value)} is not a non-negative quantity; return a whole number, a decimal string such as "1.5", or a decimal.js value`,
  not_an_account_type: (f) =>
    `"${q(f.value)}" is not an account type of this price table; use one of ${(f.names ?? []).map((t) => `"${t}"`).join(', ')}`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  not_a_currency: (f) =>
    `${f.value === undefined ? '应为' : `"${f.value}" 不是`} ISO 4217 货币代码，例如 "CNY"`,
  wrong_currency: (f) => `币种为 ${q(f.value)}，但应为 ${q(f.item)}；请先换算（不同币种的金额不能相加）`,
  js_number_amount: (f) =>
    `应为十进制字符串：它是 JS 数字 ${q(f.value)}；请写成字符串，例如 "${q(f.value)}"，以免引入二进制舍入误差`,
  not_a_decimal: (f) => `应为十进制字符串：${q(f.value)} 不是十进制数；请写成字符串，例如 "12.50"`,
  too_many_places: (f) => `最多 ${n(f.maximum)} 位小数（账本从不舍入）`,
  positive_amount: () => '应大于零；如要退回款项，请冲正该条目',
  amount_too_large: (f) => `最大为 ${n(f.maximum)}，即账本能精确保存的最大金额`,
  amount_out_of_range: (f) => `应在 -${n(f.maximum)} 与 ${n(f.maximum)} 之间，即账本能精确保存的金额范围`,
  time_out_of_range: () => '应在 0001-01-01 与 9999-12-31（UTC）之间',
  not_a_store: () => '应为账本存储，例如 createMemoryStore() 或 await createSqliteStore({ path })',
  not_a_ledger: () => '应为账本，例如 createLedger({ store, currency })',
  not_a_time_zone: () => '应为 IANA 时区，例如 "Asia/Shanghai" 或 "UTC"',
  not_a_clock: () => '应为返回 Date 的函数',
  not_a_client: () => '应为 hpckit 客户端，例如 createClient({ clusters })',
  tiers_ascending: () => '应大于上一档的 "above"；请按升序列出各档',
  tier_rate_lower: () => '低于上一档的比例；总额更高却比例更低，会从某笔付款中收回赠送金额',
  not_an_instant: () => '应为带时区偏移的 ISO 8601 时间戳，例如 "2025-01-01T00:00:00+08:00" 或 "…Z"',
  invalid_instant: () => '不是有效的时间点',
  repeated_partition: (f) => `重复了分区 "${q(f.value)}"`,
  default_memory_above_max: () => '超过了 maxMemoryPerCore，依赖默认值的作业都会被拒绝',
  unlisted_qos: (f) => `指定的 QoS "${q(f.value)}" 不在 "qos" 列表中`,
  repeated_qos: (f) => `重复了 QoS "${q(f.value)}"`,
  unlisted_default: (f) => `指定的 "${q(f.value)}" 不在 "${q(f.item)}" 列表中`,
  repeated_item_id: (f) => `与 items[${n(f.count)}] 的 id 重复；id 必须唯一`,
  same_version: (f) =>
    `与 items[${n(f.count)}] 的选择条件相同且生效时刻相同，无法决定哪个生效；请给其中一个更晚的 effectiveFrom`,
  until_before_from: () => '应晚于 effectiveFrom',
  unknown_account_type: (f) =>
    `"${q(f.value)}" 不是价格表的 accountTypes 之一（${(f.names ?? []).join('、')}）`,
  minimum_charge_places: (f) =>
    `有 ${n(f.count)} 位小数，但费用只保留 ${n(f.maximum)} 位（"precision"）；请提高精度或缩短最低收费`,
  at_least_one_item: () => '价格表至少需要一个价目项',
  not_a_postgres_url: () => '应为 URL，例如 "postgres://user@127.0.0.1:5433/db"',
  not_an_sql_identifier: () => '应为小写的 SQL 标识符，例如 "ledger"',
  no_database_file: () => '请给出数据库文件，例如 "./ledger.db"',
  option_name: () => '选项名应为不带短横线前缀的 sbatch 长选项名，例如 "exclusive"',
  comment_too_long: (f) => `最多 ${n(f.maximum)} 个字符`,
  no_payment_type: () => '请给出付款方式，例如 "bank transfer"',
  no_cluster: () => '请至少给出一个集群',
  whole_number: () => '应为整数',
  at_least_one: () => '至少应为 1',
  not_a_function: () => '应为函数',
  ledger_from_create: () => '应为 createLedger() 创建的账本',
  client_or_job_source: () => '应为客户端或作业来源',
  not_a_pricer: () => '应为函数 (job, context) => PricedJob，例如 engine.price',
  price_item_id: () => '应为 1–200 个字母、数字或“_.:/-”，且不能以符号开头',
  not_a_cursor: () => '应为上一页原样返回的 nextCursor',
  not_platform_roles: () => '应为函数 (user) => PlatformRole[]',
  beyond_ledger_range: (f) =>
    `${q(f.item)} 将为 ${q(f.value)}，超过了 ${n(f.maximum)}，即账本能精确保存的最大金额`,
  beyond_ledger_scale: (f) =>
    `${q(f.value)} 的小数位超过 ${n(f.maximum)} 位；账本精确保存金额、从不舍入：请先自行取整`,
  charge_currency: (f) =>
    `作业 ${q(f.item)} 按 ${q(f.value)} 计价，但账本使用 ${q(f.text)}：请使用账本币种的价格表`,
  unregistered_strategy: (f) =>
    `指定的自定义策略 "${q(f.value)}" 未注册；请在计价引擎的 "strategies" 选项中传入它${
      f.names?.length ? `（已注册：${f.names.join('、')}）` : ''
    }`,
  memory_unknown: (f) =>
    `未知，但价目项 "${q(f.item)}" 按 max(cores, memory) 计费；${
      f.text === 'job'
        ? '适配器必须报告作业分配或申请的内存'
        : '请在作业描述中申请内存、先运行资源策略的 applyDefaults，或把集群配置交给计价引擎'
    }`,
  billing_tres_missing: (f) =>
    `缺失，但价目项 "${q(f.item)}" 按 Slurm 的 "billing" TRES 计费；作业没有报告 allocated.billing（sacct AllocTRES "billing=N"）；请通过 context.billingTres 传入`,
  not_a_quantity: (f) => `${q(f.value)} 不是非负数量；请返回整数、十进制字符串（例如 "1.5"）或 decimal.js 值`,
  not_an_account_type: (f) =>
    `"${q(f.value)}" 不是该价格表的账户类型；请使用 ${(f.names ?? []).map((t) => `"${t}"`).join('、')} 之一`,
};

/** The validation rules of `@hpckit/billing`, worded in every locale. */
export const billingRules = defineIssueRules('billing', { en, 'zh-CN': zhCn });
