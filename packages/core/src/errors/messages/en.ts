import { type MessageCatalogue, withUnit } from './catalogue.js';

/** English messages: the text of every `HpckitError.message`. */
export const messages: MessageCatalogue = {
  VALIDATION: {
    summary: (d) =>
      `Invalid ${d.subject}: ${d.issues
        .map((i) => (i.path.length ? `at "${i.path.join('.')}": ${i.message}` : i.message))
        .join('; ')}.`,
  },
  NOT_FOUND: {
    summary: (d) => `${capitalise(d.kind)} "${d.id}" was not found.`,
    hint: (d) => `Check the ${d.kind} name or id, and that it belongs to this cluster.`,
  },
  ALREADY_EXISTS: {
    summary: (d) => `${capitalise(d.kind)} "${d.id}" already exists.`,
    hint: () => 'Use the existing one, or choose another name.',
  },
  PERMISSION_DENIED: {
    summary: (d) =>
      `${d.user ? `User "${d.user}" may not` : 'Not allowed to'} ${d.action}${
        d.missingRole ? ` (requires role "${d.missingRole}")` : ''
      }.`,
    hint: () => 'Ask an administrator for the required permission.',
  },
  POLICY_VIOLATION: {
    summary: (d) => messages.policy[d.reason](d),
  },
  SCHEDULER_UNAVAILABLE: {
    summary: (d) => `The scheduler${d.cluster ? ` of cluster "${d.cluster}"` : ''} did not answer.`,
    hint: () => 'This is usually temporary: retry later.',
  },
  TRANSPORT: {
    summary: (d) => `Could not reach the scheduler host${d.host ? ` "${d.host}"` : ''}.`,
    hint: () => 'Check the connection settings and that the host is up.',
  },
  PARSE: {
    summary: (d) => `Could not understand ${d.what}.`,
    hint: () =>
      'This is a bug or an unsupported scheduler version: report it with the raw text in details.raw.',
  },
  UNSUPPORTED: {
    summary: (d) => `The "${d.adapter}" adapter does not support "${d.capability}".`,
    hint: (d) => `Check client.capabilities() before calling; "${d.capability}" is declared false.`,
  },
  TIMEOUT: {
    summary: (d) => `${capitalise(d.operation)} did not finish within ${d.timeoutMs} ms.`,
    hint: () => 'Raise the timeout, or check why the scheduler is slow.',
  },
  INTERNAL: {
    summary: (d) => `The adapter failed unexpectedly in ${d.operation}.`,
    hint: () => "This is a bug in the adapter: report it with the error's cause.",
  },
  policy: {
    invalid_account: (d) =>
      `Account "${d.subject ?? '?'}" does not exist or the user is not a member of it. Choose one of your accounts.`,
    invalid_partition: (d) =>
      `Partition "${d.subject ?? '?'}" does not exist. Choose one of the cluster's partitions.`,
    invalid_qos: (d) => `QoS "${d.subject ?? '?'}" does not exist. Choose one of the cluster's QoS.`,
    qos_not_allowed: (d) =>
      `QoS "${d.subject ?? '?'}" is not allowed for this account and partition. Choose a QoS the account may use.`,
    time_limit_exceeds_qos: (d) =>
      `The time limit of ${withUnit(d.requested, d.unit)} exceeds the maximum of ${withUnit(d.limit, d.unit)} of QoS "${
        d.subject ?? '?'
      }". Lower the time limit or use a QoS with a longer maximum.`,
    time_limit_exceeds_partition: (d) =>
      `The time limit of ${withUnit(d.requested, d.unit)} exceeds the maximum of ${withUnit(d.limit, d.unit)} of partition "${
        d.subject ?? '?'
      }". Lower the time limit.`,
    resources_unavailable: (d) =>
      `The requested resources (${withUnit(d.requested, d.unit)}) cannot be satisfied by any node${
        d.subject ? ` of partition "${d.subject}"` : ''
      }${d.limit !== undefined ? ` (at most ${withUnit(d.limit, d.unit)})` : ''}. Request fewer resources.`,
    invalid_array: (d) =>
      `The job array${d.requested !== undefined ? ` (${withUnit(d.requested, d.unit)})` : ''} is not allowed${
        d.limit !== undefined ? `: at most ${withUnit(d.limit, d.unit)}` : ''
      }. Use fewer or smaller indices, or split the array.`,
    account_blocked: (d) =>
      `Account "${d.subject ?? '?'}" is blocked and cannot submit jobs. Recharge it or ask its administrator to unblock it.`,
    user_blocked: (d) =>
      `The user is blocked in account "${d.subject ?? '?'}". Ask the account's administrator to unblock you or raise your limit.`,
    submit_limit: (d) =>
      `A submission limit was reached${d.subject ? ` for "${d.subject}"` : ''}${
        d.limit !== undefined ? ` (limit ${withUnit(d.limit, d.unit)})` : ''
      }. Wait for jobs to finish or ask for a higher limit.`,
    insufficient_balance: (d) =>
      `This job may cost up to ${withUnit(d.requested, d.unit)}, more than the ${withUnit(d.limit, d.unit)} available${
        d.subject ? ` to ${d.subject}` : ''
      }. Shorten the time limit, request fewer resources, or recharge the account first.`,
    not_permitted: (d) => `The request is not permitted${d.subject ? ` for "${d.subject}"` : ''}.`,
    other: (d) => `The scheduler refused the request${d.nativeReason ? ` (${d.nativeReason})` : ''}.`,
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
