import { defineIssueRules, type IssueWording } from '@hpckit/core';

const en = {
  rest_url: () =>
    'give slurmrestd\'s address as "http://host:port" (or https), or its UNIX socket as "unix:/path/to/socket"',
  not_a_rest_auth: () => 'must be a RestAuth such as jwtAuth({...})',
  not_a_home_function: () => 'must be a function of the user name returning their home directory',
  not_a_fetch: () => 'must be a fetch function',
  absolute_interpreter: () => 'give an absolute interpreter path such as "/bin/bash"',
  absolute_working_directory: () =>
    'give an absolute working directory: a call for no user has no home to resolve it against',
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  rest_url: () =>
    '请给出 slurmrestd 的地址 "http://主机:端口"（或 https），或其 UNIX 套接字 "unix:/套接字路径"',
  not_a_rest_auth: () => '应为 RestAuth，例如 jwtAuth({...})',
  not_a_home_function: () => '应为以用户名为参数、返回其主目录的函数',
  not_a_fetch: () => '应为 fetch 函数',
  absolute_interpreter: () => '请给出解释器的绝对路径，例如 "/bin/bash"',
  absolute_working_directory: () => '请给出绝对工作目录：不代表任何用户的调用没有主目录可供解析相对路径',
};

/** The validation rules of the REST adapter, worded in every locale. */
export const restRules = defineIssueRules('slurm-rest', { en, 'zh-CN': zhCn });
