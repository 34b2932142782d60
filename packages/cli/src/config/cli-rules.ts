import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  no_config_file: (f) =>
    `no config file at "${q(f.value)}": pass --config FILE, set HPCKIT_CONFIG, or create hpckit.yaml in this directory or ~/.config/hpckit/`,
  unreadable_config: (f) => `cannot read "${q(f.value)}" (${q(f.text)}): check the path and its permissions`,
  yaml_syntax: (f) => `is not valid YAML: ${q(f.text)}`,
  unknown_cluster: (f) => `"${q(f.value)}" is not a cluster of the config file: use one of ${q(f.text)}`,
  no_ledger: () =>
    'the config file has no "ledger" section: add "ledger: { sqlite: ./ledger.db }" or a postgres url',
  no_site: (f) =>
    `cluster "${q(f.value)}" has no "site" preset, which prices and checks jobs: add "site: ikkem" to it`,
  transport_for_mock: () => 'the mock adapter runs in this process and takes no transport: remove it',
  bad_spec_file: (f) => `cannot read the job spec "${q(f.value)}": ${q(f.text)}`,
  not_a_duration: (f) => `"${q(f.value)}" is not a time span: write e.g. 7d, 12h or 30m`,
  not_a_date: (f) => `"${q(f.value)}" is neither a date (2026-01-31, ISO 8601) nor a time span back (7d)`,
  no_command: () =>
    'give the command after "--" (hpckit jobs submit --time 1h -- python train.py) or --spec FILE',
  not_a_number: (f) => `"${q(f.value)}" is not a whole number above zero`,
  one_ledger_store: () => 'give exactly one of "sqlite" (a file) or "postgres" (a URL)',
  at_least_one_cluster: () => 'name at least one cluster',
  homes_for_slurm: () =>
    "is for the mock only: a Slurm cluster's homes are its own; remove it (files go over the transport)",
  no_homes: (f) =>
    `mock cluster "${q(f.value)}" has no "homes" directory for users' files and job output: add "homes: ./homes" to it`,
  not_a_form_value: (f) => `"${q(f.value)}" is not a form field: write name=value, e.g. hours=2`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  no_config_file: (f) =>
    `找不到配置文件 "${q(f.value)}"：请使用 --config FILE、设置 HPCKIT_CONFIG，或在当前目录或 ~/.config/hpckit/ 下创建 hpckit.yaml`,
  unreadable_config: (f) => `无法读取 "${q(f.value)}"（${q(f.text)}）：请检查路径及其权限`,
  yaml_syntax: (f) => `不是有效的 YAML：${q(f.text)}`,
  unknown_cluster: (f) => `"${q(f.value)}" 不是配置文件中的集群：请使用 ${q(f.text)} 之一`,
  no_ledger: () => '配置文件没有 "ledger" 部分：请添加 "ledger: { sqlite: ./ledger.db }" 或 PostgreSQL 地址',
  no_site: (f) => `集群 "${q(f.value)}" 没有用于计价和检查作业的 "site" 预设：请为其添加 "site: ikkem"`,
  transport_for_mock: () => '模拟调度器在本进程内运行，不需要 transport：请删除它',
  bad_spec_file: (f) => `无法读取作业描述 "${q(f.value)}"：${q(f.text)}`,
  not_a_duration: (f) => `"${q(f.value)}" 不是时间长度：请写成 7d、12h 或 30m 这样的形式`,
  not_a_date: (f) => `"${q(f.value)}" 既不是日期（2026-01-31，ISO 8601），也不是向前的时间长度（7d）`,
  no_command: () =>
    '请在 "--" 之后给出命令（hpckit jobs submit --time 1h -- python train.py），或使用 --spec FILE',
  not_a_number: (f) => `"${q(f.value)}" 不是大于零的整数`,
  one_ledger_store: () => '"sqlite"（文件）和 "postgres"（URL）只能给出其中一个',
  at_least_one_cluster: () => '请至少配置一个集群',
  homes_for_slurm: () => '仅用于模拟调度器：Slurm 集群的主目录在集群上；请删除它（文件经由 transport 访问）',
  no_homes: (f) =>
    `模拟集群 "${q(f.value)}" 没有存放用户文件和作业输出的 "homes" 目录：请为其添加 "homes: ./homes"`,
  not_a_form_value: (f) => `"${q(f.value)}" 不是表单字段：请写成 名称=值 的形式，例如 hours=2`,
};

/** The validation rules of `@hpckit/cli`, worded in every locale. */
export const cliRules = defineIssueRules('cli', { en, 'zh-CN': zhCn });
