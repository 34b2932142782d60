import type { JobSpec, PolicyViolationDetail } from '@hpckit/core';
import { formatViolation, requestedShape } from '@hpckit/core';
import { unmodelledResources } from '@hpckit/core/sbatch';
import { gigabytePair, gigabytes } from './memory-figures.js';
import type { PartitionRules, QosRules, ResourcePolicy } from './resource-policy-schema.js';
import type { PolicyCheck, Violation, ViolationCode, ViolationUnit } from './violation.js';

/**
 * What a violation's message is written from (by core's catalogue): the rule's numbers and the
 * job's shape.
 */
type RuleFacts = Omit<PolicyViolationDetail, 'code' | 'unit' | 'message' | 'limit'> & {
  /** The limit, in the violation's unit (GB, cores, GPUs, seconds). */
  limit?: number;
  gpusPerNode: number;
  coresPerNode: number;
};

/** A resource policy with its partitions and QoS indexed by name. */
export interface PreparedPolicy {
  readonly policy: ResourcePolicy;
  readonly partitions: ReadonlyMap<string, PartitionRules>;
  readonly qos: ReadonlyMap<string, QosRules>;
}

/** Indexes a validated policy by name. */
export function preparePolicy(policy: ResourcePolicy): PreparedPolicy {
  return {
    policy,
    partitions: new Map(policy.partitions.map((p) => [p.name, p])),
    qos: new Map(policy.qos.map((q) => [q.name, q])),
  };
}

/** Marks a time limit of 0, which Slurm reads as "no limit". */
const UNLIMITED = 'unlimited';

/**
 * Checks a validated spec against every rule and returns every violation, in a stable order:
 * partition and QoS names, GPUs, cores, memory (per GPU, per core, per node), time, then options
 * the rules cannot check. The spec is the effective job: its fields already hold what its
 * script's `#SBATCH` lines and directives ask for. Memory is checked only when the spec
 * requests it: a default the site fills is consistent with its own caps.
 */
export function checkSpec(prepared: PreparedPolicy, spec: JobSpec): PolicyCheck {
  const { policy } = prepared;
  const shape = requestedShape(spec);
  const base = { gpusPerNode: shape.gpusPerNode, coresPerNode: shape.coresPerNode };
  const violations: Violation[] = [];
  const add = (
    code: ViolationCode,
    facts: Omit<RuleFacts, 'gpusPerNode' | 'coresPerNode'>,
    unit?: ViolationUnit,
  ) => {
    violations.push(violation(code, { ...base, ...facts }, unit));
  };

  const partitionName = spec.partition ?? policy.defaultPartition;
  const partitionNames = [...prepared.partitions.keys()];
  const rules = partitionName === undefined ? undefined : prepared.partitions.get(partitionName);
  if (partitionName === undefined) add('partition_required', { allowed: partitionNames });
  else if (!rules) add('unknown_partition', { requested: partitionName, allowed: partitionNames });

  const qosName = spec.qos ?? policy.defaultQos;
  const qosRules = qosName === undefined ? undefined : prepared.qos.get(qosName);
  if (qosName !== undefined && prepared.qos.size > 0 && !qosRules) {
    add('unknown_qos', { requested: qosName, allowed: [...prepared.qos.keys()] });
  } else if (qosName !== undefined && rules?.allowedQos && !rules.allowedQos.includes(qosName)) {
    add('qos_not_allowed', { partition: rules.name, requested: qosName, allowed: rules.allowedQos });
  }

  if (rules) {
    const partition = rules.name;
    const { gpusPerNode, coresPerNode } = shape;
    if (rules.gpusRequired && shape.gpus === 0)
      add('gpu_required', { partition, limit: 1, requested: 0 }, 'GPUs');
    if (rules.maxGpusPerNode !== undefined && gpusPerNode > rules.maxGpusPerNode) {
      add('gpus_per_node', { partition, limit: rules.maxGpusPerNode, requested: gpusPerNode }, 'GPUs');
    }
    if (rules.maxCoresPerNode !== undefined && coresPerNode > rules.maxCoresPerNode) {
      add('cores_per_node', { partition, limit: rules.maxCoresPerNode, requested: coresPerNode }, 'cores');
    }
    if (
      rules.maxCoresPerGpu !== undefined &&
      gpusPerNode > 0 &&
      coresPerNode > rules.maxCoresPerGpu * gpusPerNode
    ) {
      const limit = rules.maxCoresPerGpu * gpusPerNode;
      add(
        'gpu_cores_per_node',
        { partition, limit, requested: coresPerNode, perUnit: rules.maxCoresPerGpu },
        'cores',
      );
    }
    const memory = memoryPerNode(spec, shape.coresPerNode, shape.gpusPerNode);
    if (memory !== undefined) {
      const cap = (code: ViolationCode, limitMiB: number, perUnitMiB?: number) => {
        if (memory <= limitMiB) return;
        const figures = gigabytePair(limitMiB, memory);
        const perUnit = perUnitMiB === undefined ? {} : { perUnit: gigabytes(perUnitMiB) };
        add(code, { partition, ...figures, ...perUnit }, 'GB');
      };
      if (rules.maxMemoryPerGpu !== undefined && gpusPerNode > 0) {
        cap('gpu_memory_per_node', rules.maxMemoryPerGpu * gpusPerNode, rules.maxMemoryPerGpu);
      }
      if (rules.maxMemoryPerCore !== undefined) {
        cap('memory_per_core', rules.maxMemoryPerCore * coresPerNode, rules.maxMemoryPerCore);
      }
      if (rules.maxMemoryPerNode !== undefined) cap('node_memory', rules.maxMemoryPerNode);
    }
    if (rules.maxWallTime !== undefined && exceeds(spec.timeLimit, rules.maxWallTime)) {
      add(
        'partition_wall_time',
        { partition, limit: rules.maxWallTime, requested: timeValue(spec.timeLimit) },
        's',
      );
    }
  }

  if (qosRules?.maxWallTime !== undefined && exceeds(spec.timeLimit, qosRules.maxWallTime)) {
    const allowed = [...prepared.qos.values()]
      .filter((q) => q.name !== qosRules.name && (rules?.allowedQos?.includes(q.name) ?? true))
      .filter((q) => q.maxWallTime === undefined || !exceeds(spec.timeLimit, q.maxWallTime))
      .map((q) => q.name);
    add(
      'qos_wall_time',
      { qos: qosRules.name, limit: qosRules.maxWallTime, requested: timeValue(spec.timeLimit), allowed },
      's',
    );
  }

  // The rules above see the fields; an option that changes resources beyond them would slip past.
  const allowed = policy.allowedDirectives;
  for (const u of unmodelledResources(spec)) {
    if (allowed.includes(u.option)) continue;
    add('directive_not_allowed', { requested: u.option, directiveReason: u.reason, allowed });
  }

  const result: PolicyCheck = { ok: violations.length === 0, violations };
  if (partitionName !== undefined) result.partition = partitionName;
  if (qosName !== undefined) result.qos = qosName;
  return result;
}

function memoryPerNode(spec: JobSpec, coresPerNode: number, gpusPerNode: number): number | undefined {
  if (!spec.memory) return undefined;
  if (spec.memory.per === 'node') return spec.memory.mebibytes;
  if (spec.memory.per === 'core') return spec.memory.mebibytes * coresPerNode;
  return spec.memory.mebibytes * gpusPerNode;
}

function exceeds(timeLimit: number | undefined, max: number): boolean {
  if (timeLimit === undefined) return false;
  return timeLimit === 0 || timeLimit > max;
}

function timeValue(timeLimit: number | undefined): number | string {
  return timeLimit === 0 ? UNLIMITED : (timeLimit ?? 0);
}

// The rules whose words name the job's GPUs or cores per node.
const needsShape: ReadonlySet<ViolationCode> = new Set([
  'gpu_cores_per_node',
  'memory_per_core',
  'gpu_memory_per_node',
]);

function violation(code: ViolationCode, facts: RuleFacts, unit: ViolationUnit | undefined): Violation {
  const detail = { code, unit, ...facts };
  const v: Violation = {
    code,
    message: { en: formatViolation(detail), 'zh-CN': formatViolation(detail, { locale: 'zh-CN' }) },
  };
  if (facts.partition !== undefined) v.partition = facts.partition;
  if (facts.qos !== undefined) v.qos = facts.qos;
  if (facts.limit !== undefined) v.limit = facts.limit;
  if (facts.requested !== undefined) v.requested = facts.requested;
  if (unit !== undefined) v.unit = unit;
  if (facts.allowed !== undefined) v.allowed = facts.allowed;
  // The facts a message derives from, so formatViolation(v) words it again in any locale.
  if (facts.perUnit !== undefined) v.perUnit = facts.perUnit;
  if (needsShape.has(code)) {
    if (facts.gpusPerNode !== undefined) v.gpusPerNode = facts.gpusPerNode;
    if (facts.coresPerNode !== undefined) v.coresPerNode = facts.coresPerNode;
  }
  if (facts.directiveReason !== undefined) v.directiveReason = facts.directiveReason;
  return v;
}
