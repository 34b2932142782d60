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
  no_payment_type: () => 'must name the payment type, e.g. "bank transfer"',
  not_a_function: () => 'must be a function',
  ledger_from_create: () => 'must be a ledger from createLedger()',
  client_or_job_source: () => 'must be a client or a job source',
  not_a_pricer: () => 'must be a function (job, context) => PricedJob, e.g. engine.price',
  not_a_pricing_engine: () => 'must be a pricing engine, e.g. createPricingEngine({ table, clusters })',
  not_a_policy_engine: () =>
    'must be a resource-policy engine, e.g. createResourcePolicy(site.resourcePolicy)',
  price_item_id: () => 'must be 1–200 letters, digits or "_.:/-", not starting with a symbol',
  not_a_cursor: () => 'must be the nextCursor of a previous page, unchanged',
  not_platform_roles: () => 'must be a function (user) => PlatformRole[]',
  beyond_ledger_range: (f) =>
    `would be ${q(f.value)}, beyond ${n(f.maximum)}, the largest amount a ledger keeps exactly; amounts this large are refused rather than rounded: check the amount, or split it across accounts`,
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
  job_not_ended: (f) =>
    `is "${q(f.value)}": only ended jobs have a price; use quote() for the maximum cost of a job that has not ended`,
  job_partition_missing: () =>
    'is missing: the adapter must report the partition a job ran in before it can be priced',
  job_end_missing: () =>
    'is missing: the adapter must report when an ended job ended before it can be priced',
  directive_not_quotable: (f) =>
    `cannot be quoted: ${q(f.text)}, which the price of the fields would understate; express the request with the job's fields, or list "${q(f.value)}" in the engine's allowedDirectives to quote the fields alone`,
  partition_missing_no_default: (f) =>
    `is missing and cluster "${q(f.value)}" has no default partition; name a partition`,
  partition_missing_no_cluster: (f) =>
    `is missing; name a partition, or give the engine cluster "${q(f.value)}"'s config (option "clusters") so it knows the default`,
  time_limit_unbounded: () =>
    'is missing and no partition default, partition maximum or QoS maximum bounds the run time, so the cost has no maximum; give a time limit such as "12h"',
  // Refusals the ledger words itself (errorText): a summary and, in `<rule>_hint`, the way out.
  state_change_refused: (f) =>
    `Cannot ${q(f.item)} account "${q(f.value)}": it is ${f.text === 'normal' ? 'not blocked or frozen' : q(f.text)}.`,
  state_change_refused_hint: (f) =>
    f.text === 'frozen' ? 'Unfreeze it first.' : 'Check the account state with ledger.getAccount().',
  payment_is_correction: (f) =>
    `Entry "${q(f.value)}" is itself a correction (${q(f.item)}) and cannot be reversed.`,
  payment_is_correction_hint: () => 'Record a new payment instead.',
  charge_is_reversal: (f) => `Charge "${q(f.value)}" is itself a reversal and cannot be reversed.`,
  charge_is_reversal_hint: () => 'Charge the account again instead.',
  not_a_member: (f) => `User "${q(f.value)}" is not a member of account "${q(f.item)}".`,
  not_a_member_hint: () => 'Add them with ledger.addMember() first.',
  owner_not_removable: (f) =>
    `User "${q(f.value)}" owns account "${q(f.item)}" and cannot be removed from it.`,
  owner_not_removable_hint: () => 'An account always keeps its owner.',
  owner_role_fixed: (f) =>
    `User "${q(f.value)}" owns account "${q(f.item)}"; the owner's role cannot be changed.`,
  csv_unreadable: (f) =>
    `Could not read the CSV text: ${f.count === undefined ? 'a quoted field is not closed' : `unexpected text after a closing quote at offset ${f.count}`}.`,
  csv_unreadable_hint: () => 'Export the file again, or check that no program changed its quoting.',
  csv_header: (f) => `The CSV header is not "${q(f.value)}".`,
  csv_header_hint: () => 'Read only files written by the matching export function.',
  csv_field_count: (f) => `CSV line ${n(f.count)} has ${q(f.value)} fields instead of ${n(f.maximum)}.`,
  csv_field_empty: (f) => `Field "${q(f.value)}" is empty.`,
  csv_time: (f) => `"${q(f.value)}" is not a time with an explicit offset.`,
  csv_time_hint: () => 'Times must look like 2026-01-08T10:00:00.000+08:00.',
  no_ledger_account: (f) => `Account "${q(f.value)}" was not found.`,
  no_ledger_account_hint: () => 'Create it with ledger.createAccount() first, or check the spelling.',
  // Why an import left an account or member out (ImportSkip.message).
  skip_account_name: () => 'the name is not a valid ledger account name',
  skip_no_owner: () => 'no owner: it has several members and no coordinator; pass ownerOf to choose one',
  skip_user_name: () => 'the name is not a valid login name',
} satisfies Record<string, IssueWording>;

const ACTIONS_ZH: Record<string, string> = {
  block: '封禁',
  unblock: '解封',
  freeze: '冻结',
  unfreeze: '解冻',
};
const STATES_ZH: Record<string, string> = {
  normal: '未被封禁或冻结',
  blocked: '已被封禁',
  frozen: '已被冻结',
};

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
  no_payment_type: () => '请给出付款方式，例如 "bank transfer"',
  not_a_function: () => '应为函数',
  ledger_from_create: () => '应为 createLedger() 创建的账本',
  client_or_job_source: () => '应为客户端或作业来源',
  not_a_pricer: () => '应为函数 (job, context) => PricedJob，例如 engine.price',
  not_a_pricing_engine: () => '应为计价引擎，例如 createPricingEngine({ table, clusters })',
  not_a_policy_engine: () => '应为资源策略引擎，例如 createResourcePolicy(site.resourcePolicy)',
  price_item_id: () => '应为 1–200 个字母、数字或“_.:/-”，且不能以符号开头',
  not_a_cursor: () => '应为上一页原样返回的 nextCursor',
  not_platform_roles: () => '应为函数 (user) => PlatformRole[]',
  beyond_ledger_range: (f) =>
    `将为 ${q(f.value)}，超过了 ${n(f.maximum)}，即账本能精确保存的最大金额；这么大的金额会被拒绝而不是舍入：请检查金额，或把它分到几个账户`,
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
  job_not_ended: (f) =>
    `为“${q(f.value)}”：只有已结束的作业才有价格；尚未结束的作业请用 quote() 求其最高费用`,
  job_partition_missing: () => '缺失：适配器必须报告作业运行所在的分区，作业才能计价',
  job_end_missing: () => '缺失：适配器必须报告已结束作业的结束时间，作业才能计价',
  directive_not_quotable: (f) =>
    `无法报价：--${q(f.value)} 改变了作业分配的资源，按字段计价会低估；请用作业的字段表达该申请，或把 "${q(f.value)}" 列入计价引擎的 allowedDirectives，只按字段报价`,
  partition_missing_no_default: (f) => `缺失，且集群“${q(f.value)}”没有默认分区；请指定分区`,
  partition_missing_no_cluster: (f) =>
    `缺失；请指定分区，或把集群“${q(f.value)}”的配置交给计价引擎（选项 "clusters"），以便它知道默认分区`,
  time_limit_unbounded: () =>
    '缺失，且没有分区默认值、分区上限或 QoS 上限限制运行时间，费用没有上限；请给出运行时间上限，例如 "12h"',
  state_change_refused: (f) =>
    `无法${ACTIONS_ZH[f.item ?? ''] ?? q(f.item)}账户“${q(f.value)}”：它${STATES_ZH[f.text ?? ''] ?? `处于 ${q(f.text)} 状态`}。`,
  state_change_refused_hint: (f) =>
    f.text === 'frozen' ? '请先解冻。' : '请用 ledger.getAccount() 查看账户状态。',
  payment_is_correction: (f) => `条目“${q(f.value)}”本身就是更正（${q(f.item)}），不能冲正。`,
  payment_is_correction_hint: () => '请改为记录一笔新的付款。',
  charge_is_reversal: (f) => `费用“${q(f.value)}”本身就是冲正，不能再冲正。`,
  charge_is_reversal_hint: () => '请改为重新向账户收费。',
  not_a_member: (f) => `用户“${q(f.value)}”不是账户“${q(f.item)}”的成员。`,
  not_a_member_hint: () => '请先用 ledger.addMember() 添加。',
  owner_not_removable: (f) => `用户“${q(f.value)}”是账户“${q(f.item)}”的所有者，不能从中移除。`,
  owner_not_removable_hint: () => '账户始终保留其所有者。',
  owner_role_fixed: (f) => `用户“${q(f.value)}”是账户“${q(f.item)}”的所有者；所有者的角色不能更改。`,
  csv_unreadable: (f) =>
    `无法读取 CSV 文本：${f.count === undefined ? '有一个带引号的字段没有闭合' : `偏移 ${f.count} 处的闭合引号后有意外的文本`}。`,
  csv_unreadable_hint: () => '请重新导出该文件，或检查是否有程序改动了其中的引号。',
  csv_header: (f) => `CSV 表头不是“${q(f.value)}”。`,
  csv_header_hint: () => '请只读取由对应导出函数写出的文件。',
  csv_field_count: (f) => `CSV 第 ${n(f.count)} 行有 ${q(f.value)} 个字段，而不是 ${n(f.maximum)} 个。`,
  csv_field_empty: (f) => `字段“${q(f.value)}”为空。`,
  csv_time: (f) => `“${q(f.value)}”不是带明确时区偏移的时间。`,
  csv_time_hint: () => '时间应形如 2026-01-08T10:00:00.000+08:00。',
  no_ledger_account: (f) => `未找到账户“${q(f.value)}”。`,
  no_ledger_account_hint: () => '请先用 ledger.createAccount() 创建，或检查拼写。',
  skip_account_name: () => '该名称不是有效的账本账户名',
  skip_no_owner: () => '没有所有者：它有多个成员且没有协调员；请通过 ownerOf 指定一个',
  skip_user_name: () => '该名称不是有效的登录名',
};

/** What the package validates, named in English ("Invalid payment: …"). */
const subjectsEn = {
  bonus_rules: () => 'bonus rules',
  account_type: () => 'account type',
  block_threshold: () => 'block threshold',
  whitelist: () => 'whitelist',
  charge: () => 'charge',
  reversal: () => 'reversal',
  ledger_options: () => 'ledger options',
  actor: () => 'actor',
  job_cost_query: () => 'job cost query',
  job_reference: () => 'job reference',
  ledger_access_options: () => 'ledger access options',
  submission_check_options: () => 'submission check options',
  payment_query: () => 'payment query',
  charge_query: () => 'charge query',
  member: () => 'member',
  role: () => 'role',
  spending_limit: () => 'spending limit',
  payment: () => 'payment',
  quote: () => 'quote',
  currency: () => 'currency',
  resource_policy: () => 'resource policy',
  price_table: () => 'price table',
  pricing_context: () => 'pricing context',
  previous_price_table: () => 'previous price table',
  next_price_table: () => 'next price table',
  quote_context: () => 'quote context',
  price_lookup: () => 'price lookup',
  import_options: () => 'import options',
  job_charge: () => 'job charge',
  job_sync_options: () => 'job sync options',
  cluster_name: () => 'cluster name',
  postgresql_store_options: () => 'PostgreSQL store options',
  sqlite_store_options: () => 'SQLite store options',
  money: () => 'money',
  money_amount: () => 'money amount',
  money_at_index: (f) => `money at index ${n(f.count)}`,
  quote_maximum: () => 'quote maximum',
  prior_payment_at_index: (f) => `prior payment at index ${n(f.count)}`,
  year_total: () => 'year total',
  available_amount: () => 'available amount',
  batch_total: () => 'batch total',
  charge_of_job: (f) => `charge of job ${q(f.value)}`,
  account_balance: (f) => `balance of account "${q(f.value)}"`,
  account_block_threshold: (f) => `block threshold of account "${q(f.value)}"`,
  member_used: (f) => `amount used by "${q(f.value)}" in account "${q(f.item)}"`,
  member_limit: (f) => `spending limit of "${q(f.value)}" in account "${q(f.item)}"`,
  payment_amount: (f) => `amount of payment "${q(f.value)}"`,
  charge_amount: (f) => `amount of charge "${q(f.value)}"`,
  charge_csv_options: () => 'charge CSV options',
  payment_csv_options: () => 'payment CSV options',
  platform_roles: (f) => `platform roles of user "${q(f.value)}"`,
  amount_strategy_result: (f) => `result of amount strategy "${q(f.value)}"`,
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  bonus_rules: () => '赠送规则',
  account_type: () => '账户类型',
  block_threshold: () => '封锁阈值',
  whitelist: () => '白名单',
  charge: () => '费用',
  reversal: () => '冲正',
  ledger_options: () => '账本选项',
  actor: () => '操作者',
  job_cost_query: () => '作业费用查询',
  job_reference: () => '作业引用',
  ledger_access_options: () => '账本访问选项',
  submission_check_options: () => '提交检查选项',
  payment_query: () => '付款查询',
  charge_query: () => '费用查询',
  member: () => '成员',
  role: () => '角色',
  spending_limit: () => '消费限额',
  payment: () => '付款',
  quote: () => '报价',
  currency: () => '币种',
  resource_policy: () => '资源策略',
  price_table: () => '价格表',
  pricing_context: () => '计价上下文',
  previous_price_table: () => '上一版价格表',
  next_price_table: () => '下一版价格表',
  quote_context: () => '报价上下文',
  price_lookup: () => '价格查询',
  import_options: () => '导入选项',
  job_charge: () => '作业费用',
  job_sync_options: () => '作业同步选项',
  cluster_name: () => '集群名',
  postgresql_store_options: () => 'PostgreSQL 存储选项',
  sqlite_store_options: () => 'SQLite 存储选项',
  money: () => '金额',
  money_amount: () => '金额数值',
  money_at_index: (f) => `第 ${n(f.count)} 项（从 0 数起）金额`,
  quote_maximum: () => '报价上限',
  prior_payment_at_index: (f) => `第 ${n(f.count)} 笔（从 0 数起）先前付款`,
  year_total: () => '全年总额',
  available_amount: () => '可用金额',
  batch_total: () => '本批合计',
  charge_of_job: (f) => `作业 ${q(f.value)} 的费用`,
  account_balance: (f) => `账户“${q(f.value)}”的余额`,
  account_block_threshold: (f) => `账户“${q(f.value)}”的封锁阈值`,
  member_used: (f) => `“${q(f.value)}”在账户“${q(f.item)}”中已用的金额`,
  member_limit: (f) => `“${q(f.value)}”在账户“${q(f.item)}”中的消费限额`,
  payment_amount: (f) => `付款“${q(f.value)}”的金额`,
  charge_amount: (f) => `费用“${q(f.value)}”的金额`,
  charge_csv_options: () => '费用 CSV 选项',
  payment_csv_options: () => '付款 CSV 选项',
  platform_roles: (f) => `用户“${q(f.value)}”的平台角色`,
  amount_strategy_result: (f) => `金额策略“${q(f.value)}”的结果`,
};

/** The validation rules of `@hpckit/billing`, worded in every locale. */
export const billingRules = defineIssueRules(
  'billing',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);

/** A rule of `@hpckit/billing`'s tables. */
export type BillingRule = keyof typeof en;
