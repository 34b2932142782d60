import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  one_way_to_log_in: () => 'give one way to log in: privateKey, privateKeyPath, agent or password',
  credentials_need_user_credentials: () => 'actAs "credentials" needs userCredentials(user)',
  local_cannot_log_in_as_users: () =>
    'the local transport cannot log in as each user: use { mode: "sudo" } or { mode: "su" } (as root), or sshTransport with userCredentials for per-user logins',
  fingerprint_format: () => 'write fingerprints as "SHA256:<base64>"',
  not_a_credentials_function: () => 'must be a function of the user name',
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  one_way_to_log_in: () => '请给出一种登录方式：privateKey、privateKeyPath、agent 或 password',
  credentials_need_user_credentials: () => 'actAs "credentials" 需要 userCredentials(user)',
  local_cannot_log_in_as_users: () =>
    '本地传输无法以每个用户的身份登录：请使用 { mode: "sudo" } 或 { mode: "su" }（以 root 运行），或使用带 userCredentials 的 sshTransport 按用户登录',
  fingerprint_format: () => '指纹应写成 "SHA256:<base64>"',
  not_a_credentials_function: () => '应为以用户名为参数的函数',
};

/** What the package validates, named in English ("Invalid payment: …"). */
const subjectsEn = {
  command: () => 'command',
  local_transport_options: () => 'local transport options',
  ssh_transport_options: () => 'SSH transport options',
  ssh_credentials: () => 'SSH credentials',
  ssh_session: () => 'SSH session',
  ssh_credentials_of: (f) => `SSH credentials of "${q(f.value)}"`,
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  command: () => '命令',
  local_transport_options: () => '本地传输选项',
  ssh_transport_options: () => 'SSH 传输选项',
  ssh_credentials: () => 'SSH 凭据',
  ssh_session: () => 'SSH 会话',
  ssh_credentials_of: (f) => `用户“${q(f.value)}”的 SSH 凭据`,
};

/** The validation rules of `@hpckit/transport`, worded in every locale. */
export const transportRules = defineIssueRules(
  'transport',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);
