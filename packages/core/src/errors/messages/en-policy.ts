import type { PolicyReason } from '../codes.js';
import type { ErrorDetailsByCode } from '../details.js';
import { withUnit } from './catalogue.js';

type PolicyDetails = ErrorDetailsByCode['POLICY_VIOLATION'];

/** The way out of a wrong name: the names that would be accepted, when the adapter knows them. */
const oneOf = (d: PolicyDetails, choose: string) =>
  d.allowed === undefined
    ? `${choose}.`
    : d.allowed.length === 0
      ? `${choose}: there are none for this user.`
      : `${choose}: ${d.allowed.map((n) => `"${n}"`).join(', ')}.`;

const jobList = (ids: string[] | undefined) =>
  ids === undefined || ids.length === 0 ? 'jobs' : `${ids.length === 1 ? 'job' : 'jobs'} ${ids.join(', ')}`;

const STATES: Record<string, string> = { running: 'is running', ended: 'has ended' };
const PAST: Record<string, string> = { hold: 'held', release: 'released' };

/** English policy violations, per reason: what was refused, with the numbers, and the way out. */
export const policyEn: Record<PolicyReason, (d: PolicyDetails) => string> = {
  invalid_account: (d) =>
    d.subject === undefined && d.user !== undefined
      ? `User "${d.user}" has no default account, and the job names none. ${oneOf(d, 'Name one of the user\'s accounts in "account"')}`
      : `Account "${d.subject ?? '?'}" does not exist or the user is not a member of it. ${oneOf(d, 'Choose one of your accounts')}`,
  invalid_partition: (d) =>
    `Partition "${d.subject ?? '?'}" does not exist. ${oneOf(d, "Choose one of the cluster's partitions")}`,
  invalid_qos: (d) =>
    `QoS "${d.subject ?? '?'}" does not exist. ${oneOf(d, "Choose one of the cluster's QoS")}`,
  qos_not_allowed: (d) =>
    d.partition !== undefined && d.allowed !== undefined
      ? `QoS "${d.subject ?? '?'}" is not allowed in partition "${d.partition}" (allowed: ${d.allowed.join(', ')}). Choose one of those QoS, or another partition.`
      : `QoS "${d.subject ?? '?'}" is not allowed for this account and partition. Choose a QoS the account may use.`,
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
      d.subject ? ` to account "${d.subject}"` : ''
    }. Shorten the time limit, request fewer resources, or recharge the account first.`,
  spending_limit_exceeded: (d) =>
    `This job may cost up to ${withUnit(d.requested, d.unit)}, more than the ${withUnit(d.limit, d.unit)} left of ${
      d.user ? `user "${d.user}"'s` : 'the'
    } spending limit${d.subject ? ` in account "${d.subject}"` : ''}. Shorten the time limit, request fewer resources, or ask the account's manager to raise the limit.`,
  not_permitted: (d) => {
    if (d.jobAction === 'update_time_limit')
      return `Job ${d.subject ?? '?'} has already ended, so its time limit cannot change.`;
    if (d.jobAction !== undefined) {
      const state = STATES[d.jobState ?? ''] ?? `is ${d.jobState ?? 'not pending'}`;
      return `Job ${d.subject ?? '?'} ${state}, so it cannot be ${PAST[d.jobAction]}: only pending jobs can be held or released.`;
    }
    return `The request is not permitted${d.subject ? ` for "${d.subject}"` : ''}.`;
  },
  member_has_jobs: (d) =>
    `User "${d.user ?? '?'}" still has ${jobList(d.jobIds)} pending or running in account "${d.subject ?? '?'}", so they cannot be removed from it yet. They are blocked in the account now: no new job can be submitted. Wait for those jobs to end (or cancel them), then remove the user again.`,
  other: (d) =>
    // Slurm has no common reason for an array index at or above MaxArraySize.
    d.nativeReason === 'ESLURM_INVALID_ARRAY' && d.limit !== undefined
      ? `Array index ${d.requested ?? '?'} is above the highest index this cluster allows (${d.limit}, MaxArraySize=${
          Number(d.limit) + 1
        }). Split the array into smaller ones.`
      : `The scheduler refused the request${d.nativeReason ? ` (${d.nativeReason})` : ''}.`,
};

/** English ways past a refusal the scheduler worded itself, per reason. */
export const refusalHintsEn: Record<PolicyReason, (d: PolicyDetails) => string | undefined> = {
  invalid_account: (d) =>
    d.allowed?.length
      ? oneOf(d, "Use one of the user's accounts")
      : 'Use an account the user belongs to (accounts.list({ user })), or ask its manager to add them.',
  invalid_partition: (d) =>
    d.allowed?.length
      ? oneOf(d, 'Pick one of the partitions')
      : 'Pick a partition from config.cluster(), or omit it to use the default.',
  invalid_qos: (d) =>
    d.allowed?.length
      ? oneOf(d, 'Pick one of the QoS the user may use')
      : 'Pick a QoS your association allows (config.availability()), or omit it to use the default.',
  qos_not_allowed: () => undefined,
  time_limit_exceeds_qos: () =>
    "Lower the time limit to the QoS's maximum wall time, or choose a QoS that allows longer jobs.",
  time_limit_exceeds_partition: () => "Lower the time limit to the partition's MaxTime (config.cluster()).",
  resources_unavailable: () => 'Ask for fewer cores, GPUs or less memory than one node of the partition has.',
  invalid_array: () => undefined,
  account_blocked: () => 'The account is blocked (often for lack of funds); ask its manager to unblock it.',
  user_blocked: () => "You are blocked in this account; ask the account's manager to unblock you.",
  submit_limit: () => 'Wait for some of your queued jobs to finish, or ask for a higher submit limit.',
  insufficient_balance: () => undefined,
  spending_limit_exceeded: () => undefined,
  not_permitted: () => undefined,
  member_has_jobs: () => undefined,
  other: () => undefined,
};
