import type { MockPartition, MockQos } from '../cluster/mock-cluster-schema.js';
import { POLICY_VIOLATION, refuseSubmission } from './submission-refusal.js';

/** The command and stderr of a refused `scontrol update`, for refusals that are not submissions. */
export interface UpdateOutput {
  command: string[];
  stderr: string;
}

/**
 * The time limit a job gets, checked against the partition's MaxTime (`EnforcePartLimits=ALL`) and
 * the QoS's MaxWall (`DenyOnLimit`). No request means the partition's default (else its maximum);
 * 0 means unlimited, as in Slurm, which only a partition and QoS without maxima accept.
 *
 * @throws `POLICY_VIOLATION` (`time_limit_exceeds_partition`, `time_limit_exceeds_qos`).
 */
export function checkTimeLimit(
  requested: number | undefined,
  partition: MockPartition,
  qos: MockQos | undefined,
): number | undefined {
  const asked = requested === 0 ? Number.POSITIVE_INFINITY : requested;
  const effective = asked ?? partition.defaultTime ?? partition.maxTime ?? Number.POSITIVE_INFINITY;
  exceedsPartition(effective, partition);
  exceedsQos(effective, qos);
  return Number.isFinite(effective) ? effective : undefined;
}

/**
 * Refuses a time limit above the QoS's MaxWall.
 *
 * @throws `POLICY_VIOLATION` (`time_limit_exceeds_qos`, with limit, requested value and unit `s`).
 */
export function exceedsQos(seconds: number, qos: MockQos | undefined, update?: UpdateOutput): void {
  if (qos?.maxWall === undefined || seconds <= qos.maxWall) return;
  throw refuseSubmission('time_limit_exceeds_qos', {
    ...update,
    nativeReason: 'QOSMaxWallDurationPerJobLimit',
    detail: 'QOSMaxWallDurationPerJobLimit',
    failure: POLICY_VIOLATION,
    subject: qos.name,
    limit: qos.maxWall,
    requested: secondsOrUnlimited(seconds),
    unit: 's',
  });
}

/**
 * Refuses a time limit above the partition's MaxTime.
 *
 * @throws `POLICY_VIOLATION` (`time_limit_exceeds_partition`, with limit, requested value and unit `s`).
 */
export function exceedsPartition(seconds: number, partition: MockPartition, update?: UpdateOutput): void {
  if (partition.maxTime === undefined || seconds <= partition.maxTime) return;
  throw refuseSubmission('time_limit_exceeds_partition', {
    ...update,
    nativeReason: 'ESLURM_INVALID_TIME_LIMIT',
    failure: 'Requested time limit is invalid (missing or exceeds some limit)',
    subject: partition.name,
    limit: partition.maxTime,
    requested: secondsOrUnlimited(seconds),
    unit: 's',
  });
}

function secondsOrUnlimited(seconds: number): number | string {
  return Number.isFinite(seconds) ? seconds : 'UNLIMITED';
}
