import { defineIssueRules, type IssueWording } from '@hpckit/core';

const en = {
  not_a_transport: () => 'must be a transport (localTransport() or sshTransport())',
  not_a_block_mechanism: () =>
    'must be a BlockMechanism (an object with blockAccount() and the rest of its methods)',
  absolute_interpreter: () => 'give an absolute interpreter path such as "/bin/bash"',
  // `value` is sbatch's own words, quoted as it wrote them.
  sbatch_refused_option: (f) => `sbatch refused an option: ${f.value ?? ''}`,
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  not_a_transport: () => '应为传输层（localTransport() 或 sshTransport()）',
  not_a_block_mechanism: () => '应为 BlockMechanism（带有 blockAccount() 等方法的对象）',
  absolute_interpreter: () => '请给出解释器的绝对路径，例如 "/bin/bash"',
  sbatch_refused_option: (f) => `sbatch 拒绝了一个选项：${f.value ?? ''}`,
};

/** What the package validates, named in English ("Invalid payment: …"). */
const subjectsEn = {
  slurm_adapter_options: () => 'Slurm adapter options',
  sbatch_options: () => 'sbatch options',
  slurm_rest_adapter_options: () => 'Slurm REST adapter options',
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  slurm_adapter_options: () => 'Slurm 适配器选项',
  sbatch_options: () => 'sbatch 选项',
  slurm_rest_adapter_options: () => 'Slurm REST 适配器选项',
};

/** The validation rules of `@hpckit/adapter-slurm`, worded in every locale. */
export const slurmRules = defineIssueRules(
  'slurm',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);
