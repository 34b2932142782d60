import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  greater_than_zero: () => 'must be greater than zero',
  not_a_real_clock: () => 'must be a function returning milliseconds',
  not_a_job_behavior: () => 'must be a function (spec, job) => ({ runtime, exitCode?, outcome? })',
  first_job_id_too_big: () => 'must be below 2^31',
  id_prefix: () => 'must be letters, "." or "-", starting with a letter (digits would blur the id)',
  absolute_directory: () => 'must be an absolute directory',
  not_homes: () => 'must be a directory or a function (user) => home',
  not_a_file_sink: () =>
    'must have mkdir(path, { recursive }) and writeFile(path, data), as a FileSystem of @hpckit/remote does',
  unknown_default_user: (f) =>
    `"${q(f.value)}" is not a user of the cluster: add it to "cluster.users" or an account's members`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  greater_than_zero: () => '应大于零',
  not_a_real_clock: () => '应为返回毫秒数的函数',
  not_a_job_behavior: () => '应为函数 `(spec, job) => ({ runtime, exitCode?, outcome? })`',
  first_job_id_too_big: () => '应小于 2^31',
  id_prefix: () => '只能包含字母、"." 或 "-"，并以字母开头（数字会与作业编号混淆）',
  absolute_directory: () => '应为绝对路径的目录',
  not_homes: () => '应为目录或函数 `(user) => home`',
  not_a_file_sink: () =>
    '应具有 `mkdir(path, { recursive })` 和 `writeFile(path, data)`，如 @hpckit/remote 的 FileSystem',
  unknown_default_user: (f) => `"${q(f.value)}" 不是集群的用户：请把它加入 "cluster.users" 或某个账户的成员`,
};

/** What the package validates, named in English ("Invalid payment: …"). */
const subjectsEn = {
  mock_adapter_options: () => 'mock adapter options',
  clock_advance_duration: () => 'clock.advance duration',
  clock_advanceto_date: () => 'clock.advanceTo date',
  clock_rununtilidle_options: () => 'clock.runUntilIdle options',
  faults_unavailable_arguments: () => 'faults.unavailable arguments',
  faults_latency: () => 'faults.latency',
  faults_purgebeforeaccounting: () => 'faults.purgeBeforeAccounting',
  faults_accountingdisabled: () => 'faults.accountingDisabled',
  faults_accountingdelay: () => 'faults.accountingDelay',
  faults_latency_result: () => 'faults.latency result',
  job_behavior_result: (f) => `jobBehavior result for job ${q(f.value)}`,
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  mock_adapter_options: () => '模拟适配器选项',
  clock_advance_duration: () => 'clock.advance 的时长',
  clock_advanceto_date: () => 'clock.advanceTo 的日期',
  clock_rununtilidle_options: () => 'clock.runUntilIdle 的选项',
  faults_unavailable_arguments: () => 'faults.unavailable 的参数',
  faults_latency: () => 'faults.latency 的参数',
  faults_purgebeforeaccounting: () => 'faults.purgeBeforeAccounting 的参数',
  faults_accountingdisabled: () => 'faults.accountingDisabled 的参数',
  faults_accountingdelay: () => 'faults.accountingDelay 的参数',
  faults_latency_result: () => 'faults.latency 的返回值',
  job_behavior_result: (f) => `作业 ${q(f.value)} 的 jobBehavior 结果`,
};

/** The validation rules of `@hpckit/adapter-mock`, worded in every locale. */
export const mockRules = defineIssueRules(
  'mock',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);
