import type { ClusterConfig, RuleFacts, ValidationSubject } from '@hpckit/core';
import { parseInput, ValidationError } from '@hpckit/core';
import { type BillingRule, billingRules } from '../errors/billing-rules.js';
import type { Decimal } from 'decimal.js';
import type { ChargingRules } from './charging-rules-schema.js';
import type { PriceIndex } from './price-index.js';
import type { PriceTable } from './price-table-schema.js';
import {
  type PricingContext,
  type PricingContextInput,
  PricingContextSchema,
  type QuoteContext,
  type QuoteContextInput,
  QuoteContextSchema,
} from './pricing-context.js';

/** What a pricing engine computes once and every price or quote reads. */
export interface EngineState {
  readonly table: PriceTable;
  readonly rules: ChargingRules;
  readonly currency: string;
  readonly minimum: Decimal;
  readonly minimumString: string;
  readonly index: PriceIndex;
  readonly accountTypes: ReadonlySet<string> | undefined;
  readonly clusters: ReadonlyMap<string, ClusterConfig>;
  readonly now: () => Date;
  /** Options a quote may leave unpriced (see `PricingEngineOptions.allowedDirectives`). */
  readonly allowedDirectives: ReadonlySet<string>;
}

interface CachedContext {
  readonly keys: number;
  readonly accountType: unknown;
  readonly tenant: unknown;
  readonly account: unknown;
  readonly billingTres: unknown;
  readonly parsed: PricingContext;
}

// A batch prices many jobs with the same context object: its parse is reused while the object
// still holds the same values (checked on every call, so mutating it between calls is safe).
const contextCache = new WeakMap<object, CachedContext>();

/** Validates a pricing context, including that its account type is one the table declares. */
export function parsePricingContext(state: EngineState, input: PricingContextInput): PricingContext {
  const cached = typeof input === 'object' && input !== null ? contextCache.get(input) : undefined;
  if (
    cached &&
    cached.accountType === input.accountType &&
    cached.tenant === input.tenant &&
    cached.account === input.account &&
    cached.billingTres === input.billingTres &&
    cached.keys === Object.keys(input).length
  ) {
    return checkAccountType(state, cached.parsed, billingRules.subject('pricing_context'));
  }
  // Frozen: the parse is shared by every job priced with this context, custom strategies included.
  const parsed = Object.freeze(
    parseInput(PricingContextSchema, input, billingRules.subject('pricing_context')),
  );
  contextCache.set(input, {
    keys: Object.keys(input).length,
    accountType: input.accountType,
    tenant: input.tenant,
    account: input.account,
    billingTres: input.billingTres,
    parsed,
  });
  return checkAccountType(state, parsed, billingRules.subject('pricing_context'));
}

/** Validates a quote context, including that its account type is one the table declares. */
export function parseQuoteContext(state: EngineState, input: QuoteContextInput): QuoteContext {
  return checkAccountType(
    state,
    parseInput(QuoteContextSchema, input, billingRules.subject('quote_context')),
    billingRules.subject('quote_context'),
  );
}

function checkAccountType<C extends PricingContext>(
  state: EngineState,
  context: C,
  subject: ValidationSubject,
): C {
  if (
    state.accountTypes &&
    context.accountType !== undefined &&
    !state.accountTypes.has(context.accountType)
  ) {
    throw new ValidationError({
      details: {
        ...subject,
        issues: [
          billingRules.validationIssue(['accountType'], 'not_an_account_type', {
            value: context.accountType,
            names: [...state.accountTypes],
          }),
        ],
      },
    });
  }
  return context;
}

/** Builds a one-issue `ValidationError`, worded by a billing rule in every locale. */
export function invalid(
  subject: ValidationSubject,
  path: (string | number)[],
  rule: BillingRule,
  facts?: RuleFacts,
): ValidationError {
  return new ValidationError({
    details: { ...subject, issues: [billingRules.validationIssue(path, rule, facts)] },
  });
}
