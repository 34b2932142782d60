import { defineIssueRules, type IssueWording, ValidationError } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  no_file_chosen: () => 'no file was chosen: pick one with the file field, then upload',
  upload_too_big: (f) => `the upload is larger than ${q(f.value)} MiB: copy big files with scp or sftp`,
  one_secret_source: () => 'give exactly one of "file", "env" or "value" for the cookie secret',
  secret_in_open_file: (f) =>
    `holds the cookie secret, but the config file can be read by others (mode ${q(f.value)}): chmod 600 it, or move the secret to a file or an environment variable`,
  secret_file_open: (f) => `the secret file can be read by others (mode ${q(f.value)}): chmod 600 it`,
  secret_unreadable: (f) =>
    `cannot read the secret file "${q(f.value)}" (${q(f.text)}): check the path and its permissions`,
  secret_env_unset: (f) =>
    `the environment variable ${q(f.value)} is not set: export the cookie secret in it`,
  secret_too_short: () =>
    'the cookie secret is shorter than 32 characters: make one with `openssl rand -base64 32`',
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  no_file_chosen: () => '没有选择文件：请先在文件框中选择一个文件，再上传',
  upload_too_big: (f) => `上传的文件超过 ${q(f.value)} MiB：大文件请用 scp 或 sftp 复制`,
  one_secret_source: () => 'Cookie 密钥请只给出 "file"、"env" 或 "value" 中的一个',
  secret_in_open_file: (f) =>
    `此处有 Cookie 密钥，但配置文件可被他人读取（权限 ${q(f.value)}）：请 chmod 600，或把密钥移到单独的文件或环境变量中`,
  secret_file_open: (f) => `密钥文件可被他人读取（权限 ${q(f.value)}）：请 chmod 600`,
  secret_unreadable: (f) => `无法读取密钥文件 "${q(f.value)}"（${q(f.text)}）：请检查路径及其权限`,
  secret_env_unset: (f) => `环境变量 ${q(f.value)} 未设置：请在其中导出 Cookie 密钥`,
  secret_too_short: () => 'Cookie 密钥短于 32 个字符：可用 `openssl rand -base64 32` 生成',
};

/** The portal's own rules (what a form sent, its config section), worded in English and Chinese. */
export const portalRules = defineIssueRules('portal', { en, 'zh-CN': zhCn });

/** A refused upload: `rule` says why, worded in the user's language by `formatError`. */
export const uploadError = (rule: keyof typeof en, value?: string) =>
  new ValidationError({
    details: {
      subject: 'upload',
      issues: [portalRules.validationIssue(['file'], rule, value === undefined ? {} : { value })],
    },
  });
