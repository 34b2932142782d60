import type { Locale } from '../errors/locale.js';

/** A field's words in every locale. */
type Words = Readonly<Record<Locale, string>>;

/**
 * The label of each form field of a job spec, in every locale, and its description in the locales
 * other than English (the English one is the schema's own). A field of the spec without a row
 * fails the form-fields test, so a new field is worded before a portal shows it.
 */
export const JOB_SPEC_FIELD_TEXT: Readonly<Record<string, { label: Words; zhDescription: string }>> = {
  name: { label: { en: 'Job name', 'zh-CN': '作业名' }, zhDescription: '队列中显示的作业名称' },
  command: {
    label: { en: 'Commands', 'zh-CN': '命令' },
    zhDescription: '要运行的 Shell 命令；hpckit 会在其外写好作业脚本头',
  },
  script: {
    label: { en: 'Batch script', 'zh-CN': '作业脚本' },
    zhDescription:
      '以 "#!" 开头的完整作业脚本；其中的 #SBATCH 行按 sbatch 的方式计入，与之矛盾的字段或选项会被拒绝',
  },
  account: {
    label: { en: 'Account', 'zh-CN': '账户' },
    zhDescription: '作业计费的账户；省略时为用户的默认账户',
  },
  partition: { label: { en: 'Partition', 'zh-CN': '分区' }, zhDescription: '分区；省略时为集群的默认分区' },
  qos: { label: { en: 'QoS', 'zh-CN': 'QoS' }, zhDescription: '服务质量（QoS）；省略时为关联的默认值' },
  nodes: { label: { en: 'Nodes', 'zh-CN': '节点数' }, zhDescription: '节点数（脚本未另行指定时为 1）' },
  coresPerNode: {
    label: { en: 'Cores per node', 'zh-CN': '每节点核数' },
    zhDescription: '每个节点的 CPU 核数（每节点一个任务，使用全部这些核）',
  },
  tasks: { label: { en: 'Tasks', 'zh-CN': '任务数' }, zhDescription: '任务总数（MPI 进程数）' },
  tasksPerNode: {
    label: { en: 'Tasks per node', 'zh-CN': '每节点任务数' },
    zhDescription: '每个节点的任务数',
  },
  cpusPerTask: {
    label: { en: 'Cores per task', 'zh-CN': '每任务核数' },
    zhDescription: '每个任务的 CPU 核数',
  },
  gpusPerNode: {
    label: { en: 'GPUs per node', 'zh-CN': '每节点 GPU 数' },
    zhDescription: '每个节点的 GPU 数',
  },
  'memory.perNode': {
    label: { en: 'Memory per node', 'zh-CN': '每节点内存' },
    zhDescription: '每个节点的内存，例如 "64G"',
  },
  'memory.perCore': {
    label: { en: 'Memory per core', 'zh-CN': '每核内存' },
    zhDescription: '每个分配的核的内存，例如 "4G"',
  },
  'memory.perGpu': {
    label: { en: 'Memory per GPU', 'zh-CN': '每 GPU 内存' },
    zhDescription: '每个分配的 GPU 的内存，例如 "192G"',
  },
  timeLimit: {
    label: { en: 'Time limit', 'zh-CN': '时间限制' },
    zhDescription: '最长运行时间，例如 "90m"、"2h"、"1-00:00:00"；不能只写数字',
  },
  workingDirectory: {
    label: { en: 'Working directory', 'zh-CN': '工作目录' },
    zhDescription: '工作目录：相对于用户主目录，或绝对路径',
  },
  createWorkingDirectory: {
    label: { en: 'Create the working directory', 'zh-CN': '创建工作目录' },
    zhDescription: '提交前先创建工作目录',
  },
  stdout: {
    label: { en: 'Output file', 'zh-CN': '标准输出文件' },
    zhDescription: '标准输出文件（相对于工作目录）；可用 %j 表示作业号',
  },
  stderr: {
    label: { en: 'Error file', 'zh-CN': '标准错误文件' },
    zhDescription: '标准错误文件（相对于工作目录）；可用 %j 表示作业号',
  },
  inheritEnvironment: {
    label: { en: 'Inherit the environment', 'zh-CN': '继承环境变量' },
    zhDescription: '同时传递提交进程的环境变量（默认关闭：作业从干净的登录环境启动）',
  },
  array: {
    label: { en: 'Job array', 'zh-CN': '作业数组' },
    zhDescription: '作业数组，例如 "0-99%10"（同时最多运行 10 个任务）',
  },
  hold: {
    label: { en: 'Submit held', 'zh-CN': '提交后挂起' },
    zhDescription: '提交后挂起：作业等待释放后才运行',
  },
  comment: { label: { en: 'Comment', 'zh-CN': '备注' }, zhDescription: '与作业一同保存的备注文字' },
};
