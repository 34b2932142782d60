import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  no_config_file: (f) =>
    `no config file at "${q(f.value)}": create it, or name the right one (hpckit: --config FILE or HPCKIT_CONFIG; the portal: --config FILE or HPCKIT_PORTAL_CONFIG)`,
  unreadable_config: (f) => `cannot read "${q(f.value)}" (${q(f.text)}): check the path and its permissions`,
  yaml_syntax: (f) => `is not valid YAML: ${q(f.text)}`,
  unknown_cluster: (f) => `"${q(f.value)}" is not a cluster of the config file: use one of ${q(f.text)}`,
  no_ledger: () =>
    'the config file has no "ledger" section: add "ledger: { sqlite: ./ledger.db }" or a postgres url',
  no_site: (f) =>
    `cluster "${q(f.value)}" has no "site" preset, which prices and checks jobs: add "site: ikkem" to it`,
  transport_for_mock: () => 'the mock adapter runs in this process and takes no transport: remove it',
  one_ledger_store: () => 'give exactly one of "sqlite" (a file) or "postgres" (a URL)',
  at_least_one_cluster: () => 'name at least one cluster',
  homes_for_slurm: () =>
    "is for the mock only: a Slurm cluster's homes are its own; remove it (files go over the transport)",
  no_homes: (f) =>
    `mock cluster "${q(f.value)}" has no "homes" directory for users' files and job output: add "homes: ./homes" to it`,
  user_key_path: () =>
    'names no "{user}": write the path of each user\'s key with {user} for the login, e.g. /etc/hpckit/keys/{user}_ed25519',
  env_unset: (f) => `the environment variable ${q(f.value)} is not set: export it before starting`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  no_config_file: (f) =>
    `找不到配置文件 "${q(f.value)}"：请创建它，或指定正确的文件（hpckit：--config FILE 或 HPCKIT_CONFIG；门户：--config FILE 或 HPCKIT_PORTAL_CONFIG）`,
  unreadable_config: (f) => `无法读取 "${q(f.value)}"（${q(f.text)}）：请检查路径及其权限`,
  yaml_syntax: (f) => `不是有效的 YAML：${q(f.text)}`,
  unknown_cluster: (f) => `"${q(f.value)}" 不是配置文件中的集群：请使用 ${q(f.text)} 之一`,
  no_ledger: () => '配置文件没有 "ledger" 部分：请添加 "ledger: { sqlite: ./ledger.db }" 或 PostgreSQL 地址',
  no_site: (f) => `集群 "${q(f.value)}" 没有用于计价和检查作业的 "site" 预设：请为其添加 "site: ikkem"`,
  transport_for_mock: () => '模拟调度器在本进程内运行，不需要 transport：请删除它',
  one_ledger_store: () => '"sqlite"（文件）和 "postgres"（URL）只能给出其中一个',
  at_least_one_cluster: () => '请至少配置一个集群',
  homes_for_slurm: () => '仅用于模拟调度器：Slurm 集群的主目录在集群上；请删除它（文件经由 transport 访问）',
  no_homes: (f) =>
    `模拟集群 "${q(f.value)}" 没有存放用户文件和作业输出的 "homes" 目录：请为其添加 "homes: ./homes"`,
  env_unset: (f) => `环境变量 ${q(f.value)} 未设置：请在启动前导出它`,
  user_key_path: () =>
    '没有 "{user}"：请写出每个用户私钥的路径，用 {user} 代表登录名，例如 /etc/hpckit/keys/{user}_ed25519',
};

/** The validation rules of `@hpckit/site` (a site's config file and opening it), worded in every locale. */
export const siteRules = defineIssueRules('site', { en, 'zh-CN': zhCn });
