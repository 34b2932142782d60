import { type MessageCatalogue, withUnit } from './catalogue.js';

/** Simplified Chinese messages, rendered by `formatError(err, { locale: 'zh-CN' })`. */
export const messagesZhCn: MessageCatalogue = {
  VALIDATION: {
    summary: (d) =>
      `${d.subject}无效：${d.issues
        .map((i) => (i.path.length ? `"${i.path.join('.')}"：${i.message}` : i.message))
        .join('；')}。`,
  },
  NOT_FOUND: {
    summary: (d) => `未找到${d.kind}“${d.id}”。`,
    hint: () => '请检查名称或编号，以及它是否属于该集群。',
  },
  ALREADY_EXISTS: {
    summary: (d) => `${d.kind}“${d.id}”已存在。`,
    hint: () => '请使用已有的，或换一个名称。',
  },
  PERMISSION_DENIED: {
    summary: (d) =>
      `${d.user ? `用户“${d.user}”` : ''}无权执行操作：${d.action}${d.missingRole ? `（需要角色“${d.missingRole}”）` : ''}。`,
    hint: () => '请联系管理员授予所需权限。',
  },
  POLICY_VIOLATION: {
    summary: (d) => messagesZhCn.policy[d.reason](d),
  },
  SCHEDULER_UNAVAILABLE: {
    summary: (d) => `${d.cluster ? `集群“${d.cluster}”的` : ''}调度器没有响应。`,
    hint: () => '通常是暂时的，请稍后重试。',
  },
  TRANSPORT: {
    summary: (d) => `无法连接调度器主机${d.host ? `“${d.host}”` : ''}。`,
    hint: () => '请检查连接设置以及主机是否在线。',
  },
  PARSE: {
    summary: (d) => `无法解析${d.what}。`,
    hint: () => '这可能是缺陷或不受支持的调度器版本，请附上 details.raw 中的原始文本报告。',
  },
  UNSUPPORTED: {
    summary: (d) => `适配器“${d.adapter}”不支持“${d.capability}”。`,
    hint: (d) => `调用前请先检查 client.capabilities()，“${d.capability}”被声明为不支持。`,
  },
  TIMEOUT: {
    summary: (d) => `操作“${d.operation}”未能在 ${d.timeoutMs} 毫秒内完成。`,
    hint: () => '请增大超时时间，或检查调度器为何响应缓慢。',
  },
  INTERNAL: {
    summary: (d) => `适配器在 ${d.operation} 中意外失败。`,
    hint: () => '这是适配器的缺陷，请附上错误的 cause 报告。',
  },
  policy: {
    invalid_account: (d) => `账户“${d.subject ?? '?'}”不存在，或用户不是该账户的成员。请选择您所属的账户。`,
    invalid_partition: (d) => `分区“${d.subject ?? '?'}”不存在。请选择集群中的分区。`,
    invalid_qos: (d) => `QoS“${d.subject ?? '?'}”不存在。请选择集群中的 QoS。`,
    qos_not_allowed: (d) => `该账户和分区不允许使用 QoS“${d.subject ?? '?'}”。请选择账户可用的 QoS。`,
    time_limit_exceeds_qos: (d) =>
      `运行时间上限 ${withUnit(d.requested, d.unit)} 超过了 QoS“${d.subject ?? '?'}”允许的最大值 ${withUnit(
        d.limit,
        d.unit,
      )}。请降低运行时间上限，或选择最大运行时间更长的 QoS。`,
    time_limit_exceeds_partition: (d) =>
      `运行时间上限 ${withUnit(d.requested, d.unit)} 超过了分区“${d.subject ?? '?'}”允许的最大值 ${withUnit(
        d.limit,
        d.unit,
      )}。请降低运行时间上限。`,
    resources_unavailable: (d) =>
      `所申请的资源（${withUnit(d.requested, d.unit)}）无法由${d.subject ? `分区“${d.subject}”的` : ''}任何节点满足${
        d.limit !== undefined ? `（最多 ${withUnit(d.limit, d.unit)}）` : ''
      }。请减少申请的资源。`,
    invalid_array: (d) =>
      `作业数组${d.requested !== undefined ? `（${withUnit(d.requested, d.unit)}）` : ''}不被允许${
        d.limit !== undefined ? `：最多 ${withUnit(d.limit, d.unit)}` : ''
      }。请减少或缩小索引，或拆分数组。`,
    account_blocked: (d) => `账户“${d.subject ?? '?'}”已被封锁，无法提交作业。请充值或联系账户管理员解封。`,
    user_blocked: (d) => `用户在账户“${d.subject ?? '?'}”中已被封锁。请联系账户管理员解封或提高限额。`,
    submit_limit: (d) =>
      `已达到${d.subject ? `“${d.subject}”的` : ''}提交数量上限${
        d.limit !== undefined ? `（上限 ${withUnit(d.limit, d.unit)}）` : ''
      }。请等待作业结束或申请更高的上限。`,
    insufficient_balance: (d) =>
      `该作业最多可能花费 ${withUnit(d.requested, d.unit)}，超过了${d.subject ? `${d.subject}` : ''}可用的 ${withUnit(
        d.limit,
        d.unit,
      )}。请缩短运行时间上限、减少申请的资源，或先为账户充值。`,
    not_permitted: (d) => `${d.subject ? `“${d.subject}”` : ''}不允许该请求。`,
    other: (d) => `调度器拒绝了该请求${d.nativeReason ? `（${d.nativeReason}）` : ''}。`,
  },
};
