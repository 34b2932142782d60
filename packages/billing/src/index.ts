/**
 * hpckit billing: price tables as data, job pricing and quotes with auditable breakdowns,
 * submission resource policy with bilingual messages, and recharge bonuses — decimal end to end.
 *
 * @packageDocumentation
 * @module @hpckit/billing
 */

// Site presets
export { ikkemPreset } from './presets/ikkem.js';
export type { IkkemPresetOptions, SitePreset } from './presets/ikkem.js';

// Pricing
export { createPricingEngine, PriceLookupSchema } from './pricing/pricing-engine.js';
export type { PriceLookup, PricingEngine, PricingEngineOptions } from './pricing/pricing-engine.js';
export { assertAffordable, isAffordable } from './pricing/affordability.js';
export type { AffordabilityOptions } from './pricing/affordability.js';
export { AmountSchema, BUILT_IN_AMOUNTS } from './pricing/amount-schema.js';
export type { Amount, AmountInput } from './pricing/amount-schema.js';
export type { CustomAmountStrategy, Quantity } from './pricing/amount-strategies.js';
export { checkAppendOnly } from './pricing/append-only.js';
export type { AppendOnlyOptions, AppendOnlyReport } from './pricing/append-only.js';
export { billedSeconds } from './pricing/billed-seconds.js';
export type {
  ChargeBreakdown,
  ChargedResources,
  MatchedSelectors,
  PricedJob,
} from './pricing/charge-breakdown.js';
export { ChargingRulesSchema, NonNegativeDecimalStringSchema } from './pricing/charging-rules-schema.js';
export type { ChargingRules, ChargingRulesInput } from './pricing/charging-rules-schema.js';
export type {
  CoverageGap,
  CoverageOptions,
  CoverageReport,
  UnmatchedItem,
} from './pricing/check-coverage.js';
export { describeCharge } from './pricing/describe-charge.js';
export { InstantSchema } from './pricing/instant-schema.js';
export { PriceItemSchema, PriceTableSchema, SELECTORS } from './pricing/price-table-schema.js';
export type {
  PriceItem,
  PriceItemInput,
  PriceTable,
  PriceTableInput,
  Selector,
} from './pricing/price-table-schema.js';
export { PricingContextSchema, QuoteContextSchema } from './pricing/pricing-context.js';
export type {
  PricingContext,
  PricingContextInput,
  QuoteContext,
  QuoteContextInput,
} from './pricing/pricing-context.js';
export type { Quote, TimeLimitSource } from './pricing/quote-spec.js';
export type { ResourceSource, UsageFacts } from './pricing/usage-facts.js';

// Resource policy
export { createResourcePolicy } from './policy/resource-policy-engine.js';
export type { ResourcePolicyEngine } from './policy/resource-policy-engine.js';
export {
  PartitionRulesSchema,
  QosRulesSchema,
  ResourcePolicySchema,
} from './policy/resource-policy-schema.js';
export type {
  PartitionRules,
  QosRules,
  ResourcePolicy,
  ResourcePolicyInput,
} from './policy/resource-policy-schema.js';
export { toPolicyError } from './policy/to-policy-error.js';
export { VIOLATION_CODES } from './policy/violation.js';
export type {
  LocalizedMessage,
  PolicyCheck,
  Violation,
  ViolationCode,
  ViolationUnit,
} from './policy/violation.js';

// Bonus on payments
export { createBonusCalculator } from './bonus/bonus-calculator.js';
export type { BonusCalculator, BonusGrant } from './bonus/bonus-calculator.js';
export { BonusRulesSchema, BonusTierSchema } from './bonus/bonus-rules-schema.js';
export type { BonusRules, BonusRulesInput } from './bonus/bonus-rules-schema.js';

// Money
export { BillingDecimal, DECIMAL_PATTERN, decimalString, toDecimal } from './money/decimal.js';
export type { DecimalInput, DecimalValue } from './money/decimal.js';
export { formatMoney } from './money/format-money.js';
export type { FormatMoneyOptions } from './money/format-money.js';
export { money, moneyToDecimal, sumMoney } from './money/money.js';
export { ROUNDING_MODES, roundDecimal } from './money/rounding-mode.js';
export type { RoundingMode } from './money/rounding-mode.js';
