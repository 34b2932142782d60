import { billingRules } from '../errors/billing-rules.js';
import type { JobSpecInput, SubmitGuard } from '@hpckit/core';
import { JobSpecSchema, parseInput, validationSubject } from '@hpckit/core';
import { applyDefaultsTo } from './apply-defaults.js';
import { checkSpec, preparePolicy } from './check-spec.js';
import {
  type ResourcePolicy,
  type ResourcePolicyInput,
  ResourcePolicySchema,
} from './resource-policy-schema.js';
import { toPolicyError } from './to-policy-error.js';
import type { PolicyCheck } from './violation.js';

/** Checks job specs against a site's submission rules and fills its defaults. */
export interface ResourcePolicyEngine {
  /** The validated policy (memory in MiB, durations in seconds). */
  readonly policy: ResourcePolicy;
  /**
   * Every rule the spec breaks, each with a code, the numbers and a bilingual message.
   *
   * @throws `ValidationError` when the spec itself is malformed.
   */
  check(spec: JobSpecInput): PolicyCheck;
  /**
   * The spec with the site's defaults filled (memory per core).
   *
   * @throws `ValidationError` when the spec is malformed.
   */
  applyDefaults(spec: JobSpecInput): JobSpecInput;
  /**
   * Throws unless the spec passes {@link ResourcePolicyEngine.check}.
   *
   * @throws `PolicyError` describing the first violation and listing all.
   */
  assertAllowed(spec: JobSpecInput): void;
  /**
   * The policy as a client submit guard: fills the defaults, then refuses a spec that breaks a rule.
   *
   * @example
   * ```ts
   * const policy = createResourcePolicy(ikkemPreset().resourcePolicy);
   * const client = createClient({ clusters: { ikkem: { adapter, beforeSubmit: policy.submitGuard } } });
   * ```
   */
  readonly submitGuard: SubmitGuard;
}

/**
 * Builds a resource-policy engine from a site's rules (validated once, here).
 *
 * @example
 * ```ts
 * const policy = createResourcePolicy(ikkemPreset().resourcePolicy);
 * const result = policy.check({ command: 'python train.py', partition: 'gpu', gpusPerNode: 2,
 *   coresPerNode: 12, memory: { perNode: '500G' } });
 * for (const v of result.violations) console.log(v.code, v.message['zh-CN']);
 * ```
 * @throws `ValidationError` when the policy is invalid.
 */
export function createResourcePolicy(input: ResourcePolicyInput): ResourcePolicyEngine {
  const prepared = preparePolicy(
    parseInput(ResourcePolicySchema, input, billingRules.subject('resource_policy')),
  );
  const check = (spec: JobSpecInput) =>
    checkSpec(prepared, parseInput(JobSpecSchema, spec, validationSubject('job_spec')));
  return {
    policy: prepared.policy,
    check,
    applyDefaults: (spec) => applyDefaultsTo(prepared, spec),
    assertAllowed(spec) {
      const error = toPolicyError(check(spec));
      if (error) throw error;
    },
    submitGuard(spec) {
      const withDefaults = applyDefaultsTo(prepared, spec);
      const error = toPolicyError(check(withDefaults));
      if (error) throw error;
      return withDefaults;
    },
  };
}
