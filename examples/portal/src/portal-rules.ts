import { defineIssueRules, type IssueWording, ValidationError } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  no_file_chosen: () => 'no file was chosen: pick one with the file field, then upload',
  upload_too_big: (f) => `the upload is larger than ${q(f.value)} MiB: copy big files with scp or sftp`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  no_file_chosen: () => '没有选择文件：请先在文件框中选择一个文件，再上传',
  upload_too_big: (f) => `上传的文件超过 ${q(f.value)} MiB：大文件请用 scp 或 sftp 复制`,
};

/** The portal's own rules about what a form sent, worded in English and Chinese. */
const portalRules = defineIssueRules('portal', { en, 'zh-CN': zhCn });

/** A refused upload: `rule` says why, worded in the user's language by `formatError`. */
export const uploadError = (rule: keyof typeof en, value?: string) =>
  new ValidationError({
    details: {
      subject: 'upload',
      issues: [portalRules.validationIssue(['file'], rule, value === undefined ? {} : { value })],
    },
  });
