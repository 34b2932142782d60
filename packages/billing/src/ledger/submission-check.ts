import { formatError, type JobSpecInput, type Locale, NameSchema, parseInput } from '@hpckit/core';
import { z } from 'zod';
import { billingRules } from '../errors/billing-rules.js';
import type { ResourcePolicyEngine } from '../policy/resource-policy-engine.js';
import type { Violation } from '../policy/violation.js';
import type { PricingEngine } from '../pricing/pricing-engine.js';
import type { Quote } from '../pricing/quote-spec.js';
import type { LedgerView } from './ledger-view.js';
import type { QuoteCheck } from './quote-check.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Options of {@link createSubmissionCheck}. */
export const SubmissionCheckOptionsSchema = z.strictObject({
  /** Prices the spec (`createPricingEngine`). */
  pricing: z.custom<Pick<PricingEngine, 'quote'>>((v) => isObject(v) && typeof v.quote === 'function', {
    error: billingRules.error('not_a_pricing_engine'),
  }),
  /** The site's submission rules (`createResourcePolicy`); without it, no rule is checked and no default filled. */
  policy: z
    .custom<Pick<ResourcePolicyEngine, 'applyDefaults' | 'check'>>(
      (v) => isObject(v) && typeof v.applyDefaults === 'function' && typeof v.check === 'function',
      { error: billingRules.error('not_a_policy_engine') },
    )
    .optional(),
  /** The client's name of the cluster the job goes to (the quote's `cluster`). */
  cluster: NameSchema,
});

/** Options of {@link createSubmissionCheck}, as given. */
export type SubmissionCheckOptions = z.input<typeof SubmissionCheckOptionsSchema>;

/** Whether a job may be submitted, and why not: what a portal shows before the submit button. */
export interface SubmissionCheck {
  /** True when the site's policy allows the spec and the quote fits the balance and the limit. */
  ok: boolean;
  /** The spec with the site's defaults filled: what to submit. */
  spec: JobSpecInput;
  /** Every rule of the site's policy the spec breaks, each with its message in English and Chinese. */
  violations: Violation[];
  /** The price of the spec at its whole time limit; absent when the policy refuses the spec or it names no account. */
  quote?: Quote;
  /** The quote against the account's balance and the user's limit; absent when `quote` is. */
  quoteCheck?: QuoteCheck;
}

/** Checks a spec for the user a ledger view acts for. */
export type SubmissionChecker = (view: LedgerView, spec: JobSpecInput) => Promise<SubmissionCheck>;

/**
 * The check every portal runs before letting a user submit, in the order a user fixes things: the
 * site's policy (its defaults filled, every broken rule), then the price at the whole time limit
 * for the account's type, then that price against the account's balance and what is left of the
 * user's spending limit (`checkQuote`). A job that names no account is checked against the policy
 * only: its price depends on the account's type, and the scheduler picks the account. A portal's
 * form names one; the scheduler's blocks (a reached limit, an empty account) hold either way.
 *
 * @throws `VALIDATION` on malformed options, now; when called: `VALIDATION` for a malformed spec,
 * `NOT_FOUND` for an account the ledger does not know, `PERMISSION_DENIED` for one the user is not
 * a member of, `NOT_FOUND` (kind `price item`) when no price item covers the spec.
 * @example
 * ```ts
 * import { createPricingEngine, createResourcePolicy, ikkemPreset } from '@hpckit/billing';
 * const site = ikkemPreset({ cluster: 'hpc' });
 * const check = createSubmissionCheck({
 *   pricing: createPricingEngine({ table: site.priceTable, clusters: [site.cluster] }),
 *   policy: createResourcePolicy(site.resourcePolicy),
 *   cluster: 'hpc',
 * });
 * const result = await check(ledger.as({ user: 'alice' }), { account: 'chem', coresPerNode: 16, timeLimit: '2h', command: 'sleep 1' });
 * if (result.ok) await client.as('alice').jobs.submit(result.spec);
 * else for (const line of submissionProblems(result, 'zh-CN')) console.log(line);
 * ```
 */
export function createSubmissionCheck(options: SubmissionCheckOptions): SubmissionChecker {
  const o = parseInput(
    SubmissionCheckOptionsSchema,
    options,
    billingRules.subject('submission_check_options'),
    ['options'],
  );
  return async (view, input) => {
    const spec = o.policy ? o.policy.applyDefaults(input) : input;
    const violations = o.policy ? o.policy.check(spec).violations : [];
    if (violations.length > 0) return { ok: false, spec, violations };
    if (spec.account === undefined) return { ok: true, spec, violations };
    // Members may read their account: its type selects the price items.
    const account = await view.getAccount(spec.account);
    const quote = o.pricing.quote(spec, { cluster: o.cluster, accountType: account.type });
    const quoteCheck = await view.checkQuote(account.name, quote);
    return { ok: quoteCheck.ok, spec, violations, quote, quoteCheck };
  };
}

/**
 * Every reason a checked submission would be refused, worded in `locale`: the policy's
 * violations, then the quote check's errors (balance, limit, blocks). Empty when it is `ok`.
 *
 * @example
 * ```ts
 * declare const check: SubmissionChecker;
 * const result = await check(ledger.as({ user: 'bob' }), { account: 'chem', coresPerNode: 100, command: 'run' });
 * const lines = submissionProblems(result, 'zh-CN'); // e.g. the node has only 64 cores, in Chinese
 * ```
 */
export function submissionProblems(check: SubmissionCheck, locale: Locale): string[] {
  return [
    ...check.violations.map((v) => v.message[locale]),
    ...(check.quoteCheck?.errors ?? []).map((e) => formatError(e, { locale })),
  ];
}
