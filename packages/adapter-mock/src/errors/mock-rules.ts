import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';
const names = (list: string[] | undefined, separator: string) => (list ?? []).join(separator);
const quoted = (list: string[] | undefined, separator: string) =>
  names(
    (list ?? []).map((k) => `"${k}"`),
    separator,
  );

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
  not_a_capability: (f) =>
    `${quoted(f.keys, ', ')} ${f.keys?.length === 1 ? 'is not a capability' : 'are not capabilities'}: use ${names(f.names, ', ')}`,
  longer_than_zero: () => 'must be longer than zero: write a duration such as "30m" or "7d", or leave it out',
  at_least_one_partition: () =>
    'give at least one partition, e.g. [{ name: "cpu", nodes: 4, node: { cores: 64, memory: "251G" } }]',
  ip_address: () => 'must be an IPv4 or IPv6 address, e.g. "127.0.0.1"',
  whole_number: () => 'must be a whole number',
  at_least_one_call: () => 'must be at least 1: the number of calls that fail',
  not_negative: () => 'must not be negative',
  finite_seconds: () => 'must be a finite number of seconds, e.g. 60',
  finite_milliseconds: () => 'must be a finite number of milliseconds, e.g. 200',
  bad_mock_line: (f) =>
    `the "# mock:" line has "${q(f.value)}": write outcome=<${names(f.names, '|')}>, runtime=<seconds or "10m"> or exit=<0-255>`,
  bad_begin_time: (f) =>
    `"${q(f.value)}" is not a begin time: use "now+1hour", "now+90" (seconds) or "2026-01-01T10:00:00"`,
  date_in_past: (f) =>
    `${q(f.value)} is before the virtual now (${q(f.item)}): time only moves forward, so pass a later date`,
  no_time_limit_to_change: (f) =>
    `job ${q(f.value)} has no time limit to change by ${q(f.item)}: set one with { set: '1h' }`,
  time_limit_not_positive: (f) =>
    `job ${q(f.value)} has a time limit of ${q(f.item)}, which this change would take to zero or below: it must stay above zero`,
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
  not_a_capability: (f) =>
    `${quoted(f.keys, '、')} 不是能力（capability）名：可用的有 ${names(f.names, '、')}`,
  longer_than_zero: () => '应长于零：请写成 "30m" 或 "7d" 这样的时长，或不写此项',
  at_least_one_partition: () =>
    '请至少给出一个分区，例如 `[{ name: "cpu", nodes: 4, node: { cores: 64, memory: "251G" } }]`',
  ip_address: () => '应为 IPv4 或 IPv6 地址，例如 "127.0.0.1"',
  whole_number: () => '应为整数',
  at_least_one_call: () => '应至少为 1：即失败的调用次数',
  not_negative: () => '不能为负数',
  finite_seconds: () => '应为有限的秒数，例如 60',
  finite_milliseconds: () => '应为有限的毫秒数，例如 200',
  bad_mock_line: (f) =>
    `"# mock:" 行中的 "${q(f.value)}" 无法识别：请写 \`outcome=<${names(f.names, '|')}>\`、\`runtime=<秒数或 10m>\` 或 \`exit=<0-255>\``,
  bad_begin_time: (f) =>
    `"${q(f.value)}" 不是有效的开始时间：请写 "now+1hour"、"now+90"（秒）或 "2026-01-01T10:00:00"`,
  date_in_past: (f) => `${q(f.value)} 早于虚拟时钟的当前时间（${q(f.item)}）：时间只能向前，请传入更晚的日期`,
  no_time_limit_to_change: (f) =>
    `作业 ${q(f.value)} 没有运行时间上限，无法改变 ${q(f.item)}：请用 \`{ set: '1h' }\` 设定一个`,
  time_limit_not_positive: (f) =>
    `作业 ${q(f.value)} 的运行时间上限为 ${q(f.item)}，此修改会使其变为零或负数：上限必须大于零`,
};

/** What the package validates, named by the call that took it (`faults.latency(ms)`). */
const subjectsEn = {
  mock_adapter_options: () => 'mockAdapter(options)',
  clock_advance_duration: () => 'clock.advance(duration)',
  clock_advanceto_date: () => 'clock.advanceTo(date)',
  clock_rununtilidle_options: () => 'clock.runUntilIdle(options)',
  faults_unavailable_arguments: () => 'faults.unavailable(n, options)',
  faults_latency: () => 'faults.latency(ms)',
  faults_purgebeforeaccounting: () => 'faults.purgeBeforeAccounting(on)',
  faults_accountingdisabled: () => 'faults.accountingDisabled(on)',
  faults_accountingdelay: () => 'faults.accountingDelay(duration)',
  faults_latency_result: () => 'faults.latency((operation) => ms)',
  job_behavior_result: (f) => `jobBehavior(spec, job ${q(f.value)})`,
  job_behavior_setter: () => 'adapter.jobBehavior',
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  mock_adapter_options: () => 'mockAdapter 的选项',
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
  job_behavior_setter: () => '赋给 adapter.jobBehavior 的值',
};
/** A user's text as a message quotes it: cut short, since it may be a whole script's worth. */
export function shown(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The validation rules of `@hpckit/adapter-mock`, worded in every locale. */
export const mockRules = defineIssueRules(
  'mock',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);
