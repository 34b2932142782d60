import { ValidationError, validationSubject } from '@hpckit/core';
import type { Decimal } from 'decimal.js';
import { billingRules } from '../errors/billing-rules.js';
import { BillingDecimal, DECIMAL_PATTERN } from '../money/decimal.js';
import type { Amount } from './amount-schema.js';
import type { PriceItem } from './price-table-schema.js';
import type { UsageFacts } from './usage-facts.js';

/**
 * A site-supplied amount strategy: how many units a job is billed for per hour.
 *
 * It must be synchronous and pure, and return a non-negative whole JS number, a non-negative
 * decimal string or a decimal.js value (fractions as strings or decimals, never as floats).
 *
 * @example
 * ```ts
 * const nodeHours: CustomAmountStrategy = (facts) => facts.nodes;
 * ```
 */
export type CustomAmountStrategy = (facts: UsageFacts, item: PriceItem) => number | string | Decimal;

/** A quantity of billed units: a whole JS number on the fast path, a decimal otherwise. */
export type Quantity = number | Decimal;

/** A strategy resolved for one price item: its name, its unit and how to compute the quantity. */
export interface ResolvedStrategy {
  /** `cores`, `gpus`, `max-cores-memory`, `max-gpus-cores`, `billing-tres` or `custom:<name>`. */
  readonly name: string;
  /** Unit name for people: `core`, `GPU`… */
  readonly unit: string;
  quantity(facts: UsageFacts): Quantity;
}

/**
 * Resolves the amount strategy of a price item once, when the engine is built, so pricing a job
 * is a direct call.
 *
 * @throws `ValidationError` when a custom strategy is not registered.
 */
export function resolveStrategy(
  item: PriceItem,
  index: number,
  custom: Readonly<Record<string, CustomAmountStrategy>>,
): ResolvedStrategy {
  const amount: Amount = item.amount;
  switch (amount.kind) {
    case 'cores':
      return { name: 'cores', unit: item.unit ?? 'core', quantity: (f) => f.cores };
    case 'gpus':
      return { name: 'gpus', unit: item.unit ?? 'GPU', quantity: (f) => f.gpus };
    case 'billing-tres':
      return {
        name: 'billing-tres',
        unit: item.unit ?? 'billing unit',
        quantity: (f) => billingTres(f, item),
      };
    case 'max-cores-memory': {
      const perCore = amount.memoryPerCore;
      const ceil = amount.equivalents === 'ceil';
      return {
        name: 'max-cores-memory',
        unit: item.unit ?? 'core',
        quantity: (f) => {
          const memory = requireMemory(f, item);
          if (memory <= f.cores * perCore) return f.cores;
          return ceil ? ceilDiv(memory, perCore) : new BillingDecimal(memory).div(perCore);
        },
      };
    }
    case 'max-gpus-cores': {
      const perGpu = amount.coresPerGpu;
      const ceil = amount.equivalents === 'ceil';
      return {
        name: 'max-gpus-cores',
        unit: item.unit ?? 'GPU',
        quantity: (f) => {
          if (f.cores <= f.gpus * perGpu) return f.gpus;
          return ceil ? ceilDiv(f.cores, perGpu) : new BillingDecimal(f.cores).div(perGpu);
        },
      };
    }
    case 'custom': {
      const fn = custom[amount.name];
      if (!fn) {
        const known = Object.keys(custom);
        throw new ValidationError({
          details: {
            ...billingRules.subject('price_table'),
            issues: [
              billingRules.validationIssue(['items', index, 'amount', 'name'], 'unregistered_strategy', {
                value: amount.name,
                names: known,
              }),
            ],
          },
        });
      }
      const name = `custom:${amount.name}`;
      return { name, unit: item.unit ?? 'unit', quantity: (f) => customQuantity(fn(f, item), name) };
    }
  }
}

function ceilDiv(a: number, b: number): number {
  return a % b === 0 ? a / b : Math.floor(a / b) + 1;
}

function requireMemory(facts: UsageFacts, item: PriceItem): number {
  if (facts.memoryMiB !== undefined) return facts.memoryMiB;
  throw new ValidationError({
    details: {
      ...validationSubject(facts.job ? 'job' : 'job_spec'),
      issues: [
        billingRules.validationIssue(facts.job ? ['allocated', 'memoryMiB'] : ['memory'], 'memory_unknown', {
          item: item.id,
          text: facts.job ? 'job' : 'spec',
        }),
      ],
    },
  });
}

function billingTres(facts: UsageFacts, item: PriceItem): Quantity {
  // What the caller passes wins over what the scheduler reported with the job.
  const value = facts.context.billingTres ?? facts.job?.allocated?.billing;
  if (value === undefined) {
    throw new ValidationError({
      details: {
        ...billingRules.subject('pricing_context'),
        issues: [billingRules.validationIssue(['billingTres'], 'billing_tres_missing', { item: item.id })],
      },
    });
  }
  return typeof value === 'number' ? value : new BillingDecimal(value);
}

function customQuantity(value: unknown, name: string): Quantity {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && DECIMAL_PATTERN.test(value) && !value.startsWith('-'))
    return new BillingDecimal(value);
  if (BillingDecimal.isDecimal(value) && (value as Decimal).isFinite() && !(value as Decimal).isNegative()) {
    return new BillingDecimal(value as Decimal);
  }
  throw new ValidationError({
    details: {
      ...billingRules.subject('amount_strategy_result', { value: name }),
      issues: [billingRules.validationIssue([], 'not_a_quantity', { value: String(value) })],
    },
  });
}
