import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const en = {
  bad_spec_file: (f) => `cannot read the job spec "${q(f.value)}": ${q(f.text)}`,
  not_a_duration: (f) => `"${q(f.value)}" is not a time span: write e.g. 7d, 12h or 30m`,
  not_a_date: (f) => `"${q(f.value)}" is neither a date (2026-01-31, ISO 8601) nor a time span back (7d)`,
  no_command: () =>
    'give the command after "--" (hpckit jobs submit --time 1h -- python train.py) or --spec FILE',
  not_a_number: (f) => `"${q(f.value)}" is not a whole number above zero`,
  not_a_form_value: (f) => `"${q(f.value)}" is not a form field: write name=value, e.g. hours=2`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  bad_spec_file: (f) => `无法读取作业描述 "${q(f.value)}"：${q(f.text)}`,
  not_a_duration: (f) => `"${q(f.value)}" 不是时间长度：请写成 7d、12h 或 30m 这样的形式`,
  not_a_date: (f) => `"${q(f.value)}" 既不是日期（2026-01-31，ISO 8601），也不是向前的时间长度（7d）`,
  no_command: () =>
    '请在 "--" 之后给出命令（hpckit jobs submit --time 1h -- python train.py），或使用 --spec FILE',
  not_a_number: (f) => `"${q(f.value)}" 不是大于零的整数`,
  not_a_form_value: (f) => `"${q(f.value)}" 不是表单字段：请写成 名称=值 的形式，例如 hours=2`,
};

/** The validation rules of `@hpckit/cli`, worded in every locale. */
export const cliRules = defineIssueRules('cli', { en, 'zh-CN': zhCn });
