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

/** The validation rules of `@hpckit/adapter-mock`, worded in every locale. */
export const mockRules = defineIssueRules('mock', { en, 'zh-CN': zhCn });
