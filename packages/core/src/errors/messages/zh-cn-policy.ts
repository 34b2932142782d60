import type { PolicyReason } from '../codes.js';
import type { ErrorDetailsByCode } from '../details.js';
import { withUnit } from './catalogue.js';

type PolicyDetails = ErrorDetailsByCode['POLICY_VIOLATION'];

/** 名称错误时的出路：适配器知道时，列出可用的名称。 */
const oneOf = (d: PolicyDetails, choose: string) =>
  d.allowed === undefined
    ? `${choose}。`
    : d.allowed.length === 0
      ? `${choose}：该用户没有可用的选项。`
      : `${choose}：${d.allowed.map((n) => `“${n}”`).join('、')}。`;

const STATES: Record<string, string> = { running: '正在运行', ended: '已结束' };
const ACTIONS: Record<string, string> = { hold: '挂起', release: '释放' };

/** Simplified Chinese policy violations, per reason: what was refused, with the numbers, and the way out. */
export const policyZhCn: Record<PolicyReason, (d: PolicyDetails) => string> = {
  invalid_account: (d) =>
    d.subject === undefined && d.user !== undefined
      ? `用户“${d.user}”没有默认账户，作业也未指定账户。${oneOf(d, '请在“account”中填写该用户所属的账户之一')}`
      : `账户“${d.subject ?? '?'}”不存在，或用户不是该账户的成员。${oneOf(d, '请选择您所属的账户')}`,
  invalid_partition: (d) => `分区“${d.subject ?? '?'}”不存在。${oneOf(d, '请选择集群中的分区')}`,
  invalid_qos: (d) => `QoS“${d.subject ?? '?'}”不存在。${oneOf(d, '请选择集群中的 QoS')}`,
  qos_not_allowed: (d) =>
    d.partition !== undefined && d.allowed !== undefined
      ? `分区“${d.partition}”不允许使用 QoS“${d.subject ?? '?'}”（允许：${d.allowed.join('、')}）。请选择其中一个 QoS，或换一个分区。`
      : `该账户和分区不允许使用 QoS“${d.subject ?? '?'}”。请选择账户可用的 QoS。`,
  time_limit_exceeds_qos: (d) =>
    `运行时间上限 ${withUnit(d.requested, d.unit, 'zh-CN')} 超过了 QoS“${d.subject ?? '?'}”允许的最大值 ${withUnit(d.limit, d.unit, 'zh-CN')}。请降低运行时间上限，或选择最大运行时间更长的 QoS。`,
  time_limit_exceeds_partition: (d) =>
    `运行时间上限 ${withUnit(d.requested, d.unit, 'zh-CN')} 超过了分区“${d.subject ?? '?'}”允许的最大值 ${withUnit(d.limit, d.unit, 'zh-CN')}。请降低运行时间上限。`,
  resources_unavailable: (d) =>
    `所申请的资源（${withUnit(d.requested, d.unit, 'zh-CN')}）无法由${d.subject ? `分区“${d.subject}”的` : ''}任何节点满足${
      d.limit !== undefined ? `（最多 ${withUnit(d.limit, d.unit, 'zh-CN')}）` : ''
    }。请减少申请的资源。`,
  invalid_array: (d) =>
    `作业数组${d.requested !== undefined ? `（${withUnit(d.requested, d.unit, 'zh-CN')}）` : ''}不被允许${
      d.limit !== undefined ? `：最多 ${withUnit(d.limit, d.unit, 'zh-CN')}` : ''
    }。请减少或缩小索引，或拆分数组。`,
  account_blocked: (d) => `账户“${d.subject ?? '?'}”已被封锁，无法提交作业。请充值或联系账户管理员解封。`,
  user_blocked: (d) => `用户在账户“${d.subject ?? '?'}”中已被封锁。请联系账户管理员解封或提高限额。`,
  submit_limit: (d) =>
    `已达到${d.subject ? `“${d.subject}”的` : ''}提交数量上限${
      d.limit !== undefined ? `（上限 ${withUnit(d.limit, d.unit, 'zh-CN')}）` : ''
    }。请等待作业结束或申请更高的上限。`,
  insufficient_balance: (d) =>
    `该作业最多可能花费 ${withUnit(d.requested, d.unit, 'zh-CN')}，超过了${d.subject ? `账户“${d.subject}”` : ''}可用的 ${withUnit(d.limit, d.unit, 'zh-CN')}。请缩短运行时间上限、减少申请的资源，或先为账户充值。`,
  spending_limit_exceeded: (d) =>
    `该作业最多可能花费 ${withUnit(d.requested, d.unit, 'zh-CN')}，超过了${d.user ? `用户“${d.user}”` : ''}${
      d.subject ? `在账户“${d.subject}”` : ''
    }的消费限额剩余的 ${withUnit(d.limit, d.unit, 'zh-CN')}。请缩短运行时间上限、减少申请的资源，或请账户管理员提高限额。`,
  not_permitted: (d) => {
    if (d.jobAction === 'update_time_limit')
      return `作业 ${d.subject ?? '?'} 已结束，无法修改其运行时间上限。`;
    if (d.jobAction !== undefined) {
      const state = STATES[d.jobState ?? ''] ?? `处于“${d.jobState ?? '非排队'}”状态`;
      return `作业 ${d.subject ?? '?'} ${state}，无法${ACTIONS[d.jobAction]}：只有排队中的作业可以挂起或释放。`;
    }
    return `${d.subject ? `“${d.subject}”` : ''}不允许该请求。`;
  },
  member_has_jobs: (d) =>
    `用户“${d.user ?? '?'}”在账户“${d.subject ?? '?'}”中仍有排队中或运行中的作业${
      d.jobIds?.length ? `（${d.jobIds.join('、')}）` : ''
    }，暂时无法将其移出该账户。该用户现已在账户中被封锁，不能再提交新作业。请等待这些作业结束（或取消它们）后再移除该用户。`,
  other: (d) =>
    d.nativeReason === 'ESLURM_INVALID_ARRAY' && d.limit !== undefined
      ? `数组索引 ${d.requested ?? '?'} 超过了该集群允许的最大索引（${d.limit}，MaxArraySize=${
          Number(d.limit) + 1
        }）。请将数组拆分为更小的数组。`
      : `调度器拒绝了该请求${d.nativeReason ? `（${d.nativeReason}）` : ''}。`,
};

/** Simplified Chinese ways past a refusal the scheduler worded itself, per reason. */
export const refusalHintsZhCn: Record<PolicyReason, (d: PolicyDetails) => string | undefined> = {
  invalid_account: (d) =>
    d.allowed?.length
      ? oneOf(d, '请使用该用户所属的账户之一')
      : '请使用用户所属的账户（accounts.list({ user })），或请账户管理员将其加入。',
  invalid_partition: (d) =>
    d.allowed?.length
      ? oneOf(d, '请选择以下分区之一')
      : '请从 config.cluster() 中选择分区，或不指定分区以使用默认分区。',
  invalid_qos: (d) =>
    d.allowed?.length
      ? oneOf(d, '请选择该用户可用的 QoS 之一')
      : '请选择关联允许的 QoS（config.availability()），或不指定 QoS 以使用默认值。',
  qos_not_allowed: () => undefined,
  time_limit_exceeds_qos: () =>
    '请将运行时间上限降到该 QoS 允许的最大运行时间以内，或选择允许更长作业的 QoS。',
  time_limit_exceeds_partition: () => '请将运行时间上限降到该分区的 MaxTime 以内（config.cluster()）。',
  resources_unavailable: () => '请申请少于该分区单个节点所拥有的核数、GPU 或内存。',
  invalid_array: () => undefined,
  account_blocked: () => '该账户已被封锁（通常是因为余额不足），请联系账户管理员解封。',
  user_blocked: () => '您在该账户中已被封锁，请联系账户管理员解封。',
  submit_limit: () => '请等待部分排队中的作业结束，或申请更高的提交数量上限。',
  insufficient_balance: () => undefined,
  spending_limit_exceeded: () => undefined,
  not_permitted: () => undefined,
  member_has_jobs: () => undefined,
  other: () => undefined,
};
