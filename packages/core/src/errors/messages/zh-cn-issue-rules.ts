import type { ValidationIssueFacts } from '../details.js';
import type { ArgumentRule, IssueRule, SubjectName } from './en-issues.js';
// A cycle, resolved at call time: a field's issue inside an option's value is worded like any other.
import { issueZhCn } from './zh-cn-issues.js';

const q = (text: string | undefined) => text ?? '?';
const or = (items: string[] | undefined) => {
  const all = items ?? [];
  return all.length < 2 ? all.join('') : `${all.slice(0, -1).join('、')} 或 ${all.at(-1)}`;
};

/** Where in a script a problem is, when it is on a line. */
const at = (f: ValidationIssueFacts) => (f.count === undefined ? '' : `第 ${f.count} 行（${q(f.text)}）：`);

/** Why sbatch options hpckit sets or forbids are reserved, by option name. */
const RESERVED_ZH: Record<string, string> = {
  comment: '请用规格的 "comment" 字段设置作业备注：hpckit 在作业备注中保存幂等令牌',
  parsable: 'hpckit 以自己的格式读取 sbatch 的应答',
  wrap: '请用 "command" 或 "script" 给出命令',
  wait: '它会让提交一直等到作业结束',
  uid: '作业以门户所代表的用户身份运行',
  gid: '作业以门户所代表的用户身份运行',
  clusters: '集群由适配器的配置选择',
  cluster: '集群由适配器的配置选择',
  'cluster-constraint': '集群由适配器的配置选择',
  'export-file': '请用规格的 "environment" 设置作业的变量',
  priority: '只有运维人员可以设置优先级',
  reboot: '只有运维人员可以重启节点',
};

/** Why a name is no sbatch option: ambiguous (`names` it could be) or unknown. */
const noSuchOption = (f: ValidationIssueFacts) =>
  f.names
    ? `"--${q(f.value)}" 有歧义：sbatch 可能把它读作 ${f.names.map((n) => `--${n}`).join('、')}；请写出完整的选项名`
    : `sbatch 没有选项 "${q(f.value)}"`;

/** Where in a script a problem sbatch stops at is. */
const onLine = (f: ValidationIssueFacts) => (f.count === undefined ? '' : `第 ${f.count} 行（${q(f.text)}）`);

/** The script line an option's value was read from, when it was. */
const fromLine = (f: ValidationIssueFacts) => (f.count === undefined ? '' : `第 ${f.count} 行：`);

/** Why sbatch stops reading a list of option words, by rule. */
const argumentRulesZhCn: Record<ArgumentRule, (f: ValidationIssueFacts) => string> = {
  sbatch_option_ambiguous: (f) => noSuchOption(f),
  sbatch_no_such_option: (f) => noSuchOption({ ...f, names: undefined }),
  sbatch_argument_takes_no_value: (f) => `"${q(f.value)}" 不带值`,
  sbatch_argument_needs_value: (f) => `"${q(f.value)}" 需要一个值`,
  sbatch_argument_not_an_option: (f) => `"${q(f.value)}" 不是选项`,
};

/** The Chinese words of each rule in `issueRulesEn`, from the same facts. */
export const issueRulesZhCn: Record<IssueRule, (f: ValidationIssueFacts) => string> = {
  whole_number: () => '应为整数',
  not_negative: () => '不能为负数',
  at_least_one: () => '至少应为 1',
  greater_than_zero: () => '应大于零',
  at_most: (f) => `最大为 ${q(String(f.maximum))}`,
  not_empty: () => '不能为空',
  at_most_characters: (f) => `最多 ${q(String(f.maximum))} 个字符${f.text ? `（${f.text}）` : ''}`,
  no_nul: () => '不能包含 NUL 字符',
  single_line: () => '应为单行（不能有换行符或 NUL 字符）',
  environment_value_too_long: (f) =>
    `最多 ${q(String(f.maximum))} 个字符（Linux 拒绝更长的环境变量）；更大的数据请放在文件中传递`,
  scheduler_name: () => '只能包含字母、数字、“_”、“-”和“.”，且不能以“-”或“.”开头',
  login_name: () => '不是有效的登录名：只能使用字母、数字、“_”、“.”和“-”，且不能以“-”或“.”开头',
  login_all_digits: () => '不能全是数字（工具会把数字当作 uid：“id 0”就是 root）',
  job_id: () => '不是作业编号（应形如 "1234" 或 "1234_7"）',
  record_too_many_entries: (f) => `有 ${f.count ?? '?'} 项；最多允许 ${q(String(f.maximum))} 项`,
  record_key_too_long: (f) => `是 ${f.count ?? '?'} 个字符的名称；最多允许 ${q(String(f.maximum))} 个字符`,
  directive_name: () => '指令名是不带短横线前缀的 sbatch 长选项名，例如 "mem-per-cpu" 或 "exclusive"',
  environment_name: () => '环境变量名由字母、数字和“_”组成，且不能以数字开头',
  duration_shape: () => '应为时长，例如 "2h" 或 "1-00:00:00"、对象 { minutes: 90 }，或整数秒数',
  time_limit_shape: () => '应为时长，例如 "90m"、"2h" 或 "1-00:00:00"，或对象 { minutes: 90 }',
  bare_number_time_limit: (f) =>
    `${q(f.value)} 是不带单位的数字：Slurm 把它当作分钟，而人们常以为是秒。请写成 ${or(f.examples)}`,
  not_a_duration: (f) =>
    `${q(f.value)} 不是时长：请带上单位，例如 "90m"、"2h"、"1d12h"，或 Slurm 的 "D-HH:MM:SS"`,
  duration_too_long: (f) => `${q(f.value)} 太长：时长最多 ${q(String(f.maximum))} 秒（36500天，即 100 年）`,
  duration_not_whole_seconds: (f) => `${q(f.value)} 不是整数秒：请取整，例如 { seconds: 90 }`,
  duration_object_empty: () => '请至少给出 "days"、"hours"、"minutes" 或 "seconds" 之一',
  duration_positive: () => '应大于零',
  time_limit_positive: () => '时间限制应大于零',
  signed_duration_shape: () => '应为带符号的时长，例如 "+30m" 或 "-1h"，或对象 { minutes: -30 }',
  not_a_signed_duration: (f) => `${q(f.value)} 不是带符号的时长：请写成 "+30m" 或 "-1h"`,
  set_or_delta: () => '请只给出 "set"（新的时间限制）或 "delta"（变化量，例如 "+30m"）之一',
  zero_change: () => '变化量为零，不会改变任何东西',
  not_a_memory_size: (f) =>
    `${q(f.value)} 不是内存大小：请给出带单位的正数，例如 "4G" 或 "512M"（单位按二进制计：1G = 1024M）`,
  memory_size_too_large: (f) => `${q(f.value)} 太大：内存大小最多为 ${q(String(f.maximum))}（2^40 MiB）`,
  memory_one_of: () => '请只给出 "perNode"、"perCore" 或 "perGpu" 之一',
  memory_per_gpu_needs_gpus: () => '内存 "perGpu" 需要 "gpusPerNode" 至少为 1',
  command_or_script: () => '请只给出 "command"（shell 命令）或 "script"（完整脚本）之一',
  script_interpreter: () => '完整脚本应以解释器行开头，例如 "#!/bin/bash"；若只给命令，请用 "command"',
  tasks_do_not_fit: (f) =>
    `${f.count ?? '?'} 个任务放不进 ${f.minimum ?? '?'} 个节点 × 每节点 ${f.maximum ?? '?'} 个任务`,
  cores_or_tasks: (f) => `"coresPerNode" 与任务字段（${(f.names ?? []).join('、')}）只能二选一`,
  working_directory_leaves_home: (f) =>
    `${q(f.value)} 超出了用户的主目录：相对路径的工作目录必须位于主目录之内；主目录以外的目录请写绝对路径`,
  at_least_one_job_id: () => '请至少给出一个作业编号',
  from_after_to: () => '"from" 不能晚于 "to"',
  key_file_missing: (f) => `${q(f.value)} 处没有私钥文件`,
  key_file_unreadable: (f) => `无法读取私钥文件 ${q(f.value)}（${f.text ?? 'error'}）`,
  known_hosts_unreadable: (f) =>
    `所有 known_hosts 文件（${(f.names ?? []).join('、')}）都无法读取，因此无法信任任何主机密钥`,
  unknown_host: (f) => `主机名 ${q(f.value)} 无法解析（${f.text ?? 'ENOTFOUND'}）`,
  not_an_adapter: () => '应为调度器适配器，例如 mockAdapter() 或 slurmAdapter({...})',
  not_a_submit_guard: () => '应为函数 (spec, ctx) => spec',
  not_timers: () => '应为带有 now() 函数的计时器，例如测试时钟提供的计时器',
  not_a_job_output_source: () =>
    '应为带有 read(job, stream, range) 函数的作业输出来源，例如 @hpckit/remote 的 jobOutputSource({ files })',
  not_a_progress_output: () =>
    '应为带有 show(snapshot, final) 函数、且 minIntervalMs 与 tickMs 不小于 0 的进度输出，例如 terminalProgress(process.stdout) 或 lineProgress(stream)',
  cluster_name: () => '集群名由字母、数字、“_”、“-”和“.”组成',
  at_least_one_cluster: () => '请至少给出一个集群',
  unknown_cluster: (f) => `${q(f.value)} 不是已配置的集群之一（${(f.names ?? []).join('、')}）`,
  decimal_string: () => '应为写成字符串的十进制数，例如 "12.50"（不能是 JS 数字）',
  currency_code: () => '应为 ISO 4217 货币代码，例如 "CNY"',
  idempotency_key_characters: () => '只能包含字母、数字和“._:@/+=-”（不能有空格）；UUID 或 "form-1234" 均可',
  batch_list_shape: () => '应为由 { spec } 对象组成的数组',
  batch_at_least_one_job: () => '至少应包含一个作业',
  batch_too_many_jobs: (f) => `最多包含 ${q(String(f.maximum))} 个作业：请把这批作业拆开提交`,
  query_list_too_long: (f) => `最多包含 ${q(String(f.maximum))} 个值`,
  outcome_when_ended: () => '只有当阶段（phase）为 "ended" 时才有结果（outcome），反之亦然',
  at_least_one_node: () => '请至少给出一个节点',
  timeout_deprecated_spelling: () => '"timeout" 是 "timeoutMs" 已弃用的写法：请只给出 "timeoutMs"',
  adapter_name: () => '应为 kebab-case 形式的 id，例如 "slurm"',
  adapter_operation_required: () => '是契约要求的操作，必须提供',
  adapter_capability_operation: (f) => `缺失，但声明了能力 "${q(f.item)}"`,
  keys_per_spec: (f) =>
    `给出了 ${f.count ?? '?'} 个键，却有 ${q(String(f.maximum))} 个作业描述：请按相同顺序每个作业描述给一个键，或都不给`,
  watch_one_scope: (f) =>
    `给出的作业属于多个${f.text === 'users' ? '用户' : '集群'}（${(f.names ?? []).join('、')}）：请分别监视`,
  not_a_role_source: () =>
    '应为角色来源 { roles(user, { cluster }) => ({ platform?, adminOf? }) }，例如 @hpckit/billing/ledger 的 ledgerAccess({ ledger })',
  app_option_value: () => '选项的值不能为空',
  app_attribute_name: () => '属性名由字母、数字和“_”组成，且不能以数字开头',
  app_select_needs_options: () => '“select”属性至少需要一个选项',
  app_options_only_select: (f) => `只有“select”属性才有选项，“${q(f.value)}”属性没有`,
  app_number_default: () => '“number”属性的默认值应为数字',
  app_integer_only_number: (f) => `只有“number”属性才接受 "integer"，“${q(f.value)}”属性不接受`,
  app_target_whole_type: (f) => `"${q(f.item)}" 只接受整数：请把该属性改为“number”或“select”`,
  app_target_whole_option: (f) => `"${q(f.item)}" 只接受整数，"${q(f.value)}" 不是整数`,
  app_default_not_an_option: (f) => `默认值 "${q(f.value)}" 不是选项之一`,
  app_target_integer_false: (f) => `"${q(f.item)}" 只接受整数：请去掉 "integer: false" 或换一个目标字段`,
  app_max_below_min: (f) => `max（${q(String(f.maximum))}）小于 min（${q(String(f.minimum))}）`,
  app_default_out_of_bounds: (f) =>
    `默认值 ${q(f.value)} 超出范围 ${f.minimum ?? '-∞'}…${f.maximum ?? '∞'}：请修改默认值或范围`,
  app_default_not_whole: (f) =>
    `默认值 ${q(f.value)} 不是整数，而 ${f.item === undefined ? '"integer: true"' : `"${f.item}"`} 需要整数`,
  app_path_slash: (f) => `${f.text === 'ready' ? '就绪检查（ready）' : '连接（connect）'}路径应以“/”开头`,
  app_port_unprivileged: (f) => `至少应为 ${q(String(f.minimum))}（非特权端口）`,
  app_id: () => '应用 id 由小写字母、数字和“-”组成，例如 "jupyter-lab"',
  app_display_name: () => '应用需要一个显示名称',
  app_attribute_name_taken: (f) =>
    `属性名 "${q(f.value)}" 已被 "${q(f.item)}" 使用（比较名称时不区分大小写）：请重命名其中一个`,
  app_script_empty: () => '启动服务器的脚本不能为空',
  sbatch_option_reserved: (f) =>
    `${at(f)}--${q(f.value)} 是保留选项：${RESERVED_ZH[f.value ?? ''] || '它会改变 sbatch 本身的运行方式，而这由 hpckit 控制'}`,
  ...argumentRulesZhCn,
  sbatch_script_hetjob: (f) =>
    `${onLine(f)}开始了异构作业的另一个组成部分，hpckit 不提交这类作业：请把每个部分作为单独的作业提交`,
  sbatch_script_word_colon: (f) => `${onLine(f)}有以 ":" 开头的词，sbatch 会拒绝`,
  sbatch_script_unmatched_quote: (f) => `${onLine(f)}有不配对的 ${q(f.value)}，sbatch 会拒绝`,
  sbatch_script_refused: (f) =>
    `${onLine(f)}${(argumentRulesZhCn[f.item as ArgumentRule] ?? noSuchOption)(f)}（sbatch 会拒绝该脚本）`,
  sbatch_directive_not_an_option: (f) => `${noSuchOption(f)}；指令名是不带短横线的 sbatch 长选项名`,
  sbatch_option_takes_no_value: (f) => `--${q(f.value)} 不带值：请写 true`,
  sbatch_option_needs_value: (f) => `--${q(f.value)} 需要一个值`,
  sbatch_script_exclusive_options: (f) =>
    `第 ${f.count ?? '?'} 行（${q(f.text)}）和第 ${q(f.item)} 行（${q(f.value)}）分别设置了 --${q(f.names?.[0])} 和 --${q(f.names?.[1])}，sbatch 不接受两者同时出现：只保留一个`,
  sbatch_script_disagrees: (f) =>
    `第 ${f.count ?? '?'} 行（${q(f.text)}）要求 ${q(f.examples?.[0])}，但${
      f.names ? `规格的 "${q(f.names[0])}"` : `指令 "${q(f.item)}"`
    }要求 ${q(f.examples?.[1])}：请删除该行或修改规格使两者一致（否则 sbatch 会悄悄使用规格中的值）`,
  sbatch_value_names_several: (f) =>
    `${fromLine(f)}${q(f.value)} 指定了多个${f.item === 'qos' ? ' QoS' : '分区'}：hpckit 只提交到其中一个；请只写一个`,
  sbatch_value_not_node_count: (f) => `${fromLine(f)}${q(f.value)} 不是节点数`,
  sbatch_value_not_whole_number: (f) => `${fromLine(f)}${q(f.value)} 不是整数`,
  sbatch_value_not_gres: (f) => `${fromLine(f)}${q(f.value)} 不是通用资源列表（name[:type][:count]）`,
  sbatch_value_not_gpu_count: (f) => `${fromLine(f)}${q(f.value)} 不是 GPU 数量（[type:]count）`,
  sbatch_value_not_memory: (f) => `${fromLine(f)}${q(f.value)} 不是 sbatch 能读懂的内存大小（例如 4096、4G）`,
  sbatch_value_not_time_limit: (f) =>
    `${fromLine(f)}${q(f.value)} 不是 sbatch 能读懂的时间限制（分钟数、"HH:MM:SS"、"D-HH:MM:SS" 或 "UNLIMITED"）`,
  sbatch_value_field: (f) => `${fromLine(f)}"${q(f.item)}"：${f.issue ? issueZhCn(f.issue) : '无效'}`,
  array_spec: (f) => `数组规格 "${q(f.value)}" ${arrayProblemZhCn(f)}`,
  array_throttle_too_big: (f) => `最大为 ${q(String(f.maximum))}，即一个数组最多的任务数`,
};

/** The Chinese name of each subject in `subjectsEn`. */
export const subjectsZhCn: Record<SubjectName, (f: ValidationIssueFacts) => string> = {
  job_spec: () => '作业描述',
  job_script: () => '作业脚本',
  job: () => '作业',
  job_id: () => '作业编号',
  job_query: () => '作业查询',
  batch_submission: () => '批量提交',
  time_limit_change: () => '时间限制的修改',
  account: () => '账户',
  account_name: () => '账户名',
  account_filter: () => '账户筛选条件',
  user_name: () => '用户名',
  membership: () => '成员关系',
  node_query: () => '节点查询',
  cluster_config: () => '集群配置',
  client_options: () => '客户端选项',
  call_options: () => '调用选项',
  call_context: () => '调用上下文',
  submit_context: () => '提交上下文',
  submit_options: () => '提交选项',
  wait_options: () => '等待选项',
  watch_targets: () => '监视目标',
  progress_options: () => '进度显示的选项',
  access_roles: (f) => `用户“${q(f.value)}”的访问角色`,
  adapter_definition: (f) => `适配器定义“${q(f.value)}”`,
};

function arrayProblemZhCn(f: ValidationIssueFacts): string {
  const item = q(f.item);
  switch (f.text) {
    case 'too_long':
      return `超过 ${f.maximum} 个字符：请用范围（"0-99"、"0-99:3"）代替逐个列出下标`;
    case 'two_throttles':
      return '含有不止一个“%”';
    case 'bad_throttle':
      return '的并发上限（"%N"）不是正整数';
    case 'throttle_too_big':
      return `的并发上限 %${item} 超过 ${f.maximum}（一个数组最多的任务数）：请调低或去掉它`;
    case 'bad_item':
      return `中的 "${item}" 既不是下标（"7"）也不是范围（"0-9" 或 "0-9:2"）`;
    case 'index_too_big':
      return `中的下标 ${item} 超过 ${f.maximum}，即 Slurm 允许的最大下标（其 MaxArraySize 最多为 4000001）：请使用更小的下标`;
    case 'range_backwards':
      return `中的范围 "${item}" 终点小于起点`;
    case 'range_step':
      return `中的范围 "${item}" 步长不是正数`;
    default:
      return `展开后超过 ${f.maximum} 个任务：请拆成多个数组`;
  }
}
