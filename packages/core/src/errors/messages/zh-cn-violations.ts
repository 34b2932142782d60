import { durationForMessage } from '../../time/duration.js';
import type { PolicyViolationDetail } from '../details.js';
import type { ViolationCode } from '../violation-codes.js';

type Facts = PolicyViolationDetail;

const list = (names: string[] | undefined): string => (names ?? []).map((n) => `“${n}”`).join('、');

/** A time limit in its largest whole unit, as in English: 172800 → "2天", 5400 → "90分钟". */
function time(value: number | string | undefined): string {
  return typeof value === 'number' ? durationForMessage(value, 'zh-CN') : '0（不限时）';
}

/** Simplified Chinese resource-policy violations: what was exceeded, by how much, and the way out. */
export const violationsZhCn: Record<ViolationCode, (f: Facts) => string> = {
  partition_required: (f) => `未指定分区，且站点没有默认分区。请选择以下分区之一：${list(f.allowed)}。`,
  unknown_partition: (f) => `分区“${f.requested}”不存在。请选择以下分区之一：${list(f.allowed)}。`,
  unknown_qos: (f) => `QoS“${f.requested}”不存在。请选择以下 QoS 之一：${list(f.allowed)}。`,
  qos_not_allowed: (f) =>
    `分区“${f.partition}”不允许使用 QoS“${f.requested}”。请选择以下 QoS 之一：${list(f.allowed)}。`,
  gpu_required: (f) =>
    `分区“${f.partition}”的作业必须申请至少 ${f.limit} 块 GPU，当前申请了 ${f.requested} 块。请申请 GPU；纯 CPU 作业请使用 CPU 分区。`,
  gpus_per_node: (f) =>
    f.limit === 0
      ? `分区“${f.partition}”没有 GPU，但每节点申请了 ${f.requested} 块 GPU。请取消 GPU 申请或使用 GPU 分区。`
      : `分区“${f.partition}”每节点最多 ${f.limit} 块 GPU，当前每节点申请了 ${f.requested} 块。请减少每节点 GPU 数量，或使用更多节点。`,
  cores_per_node: (f) =>
    `分区“${f.partition}”每节点最多 ${f.limit} 核，当前每节点申请了 ${f.requested} 核。请减少每节点核数，或使用更多节点。`,
  gpu_cores_per_node: (f) =>
    `每节点使用 ${f.gpusPerNode} 块 GPU 的作业，每节点最多可申请 ${f.limit} 核（每块 GPU ${f.perUnit} 核），当前申请了 ${f.requested} 核。请减少核数或申请更多 GPU。`,
  memory_per_core: (f) =>
    `每节点 ${f.coresPerNode} 核的作业，每节点最多可申请 ${f.limit} GB 内存（每核 ${f.perUnit} GB），您申请的 ${f.requested} GB 超出了该限制。请减少内存或申请更多核。`,
  gpu_memory_per_node: (f) =>
    `每节点使用 ${f.gpusPerNode} 块 GPU 的作业，每节点最多可申请 ${f.limit} GB 内存（每块 GPU ${f.perUnit} GB），您申请的 ${f.requested} GB 超出了该限制。请减少内存或申请更多 GPU。`,
  node_memory: (f) =>
    `分区“${f.partition}”每个节点最多可用 ${f.limit} GB 内存，您每节点申请的 ${f.requested} GB 超出了该限制。请减少每节点内存，或使用更多节点。`,
  qos_wall_time: (f) =>
    `运行时间上限 ${time(f.requested)} 超过了 QoS“${f.qos}”允许的最大值 ${time(f.limit)}。请缩短运行时间上限${alternatives(f)}。`,
  partition_wall_time: (f) =>
    `运行时间上限 ${time(f.requested)} 超过了分区“${f.partition}”允许的最大值 ${time(f.limit)}。请缩短运行时间上限。`,
  directive_not_allowed: (f) =>
    `不允许使用选项“--${f.requested}”：它改变作业所分配的资源，站点规则无法核查。请从脚本或指令中删除它，或改用作业的字段（节点、核心、GPU、内存、时间）表达需求${f.allowed?.length ? `；允许的选项：${list(f.allowed.map((o) => `--${o}`))}` : ''}。`,
};

function alternatives(f: Facts): string {
  return f.allowed?.length ? `，或使用允许该时长的 QoS：${list(f.allowed)}` : '';
}
