import type { ErrorCode, PolicyReason } from '../codes.js';
import type { ErrorDetailsByCode } from '../hpckit-error.js';

/** Renders one error code in one language: what failed, and how to fix it. */
export interface CodeMessages<C extends ErrorCode> {
  summary(details: ErrorDetailsByCode[C]): string;
  hint?(details: ErrorDetailsByCode[C]): string | undefined;
}

/** A complete message catalogue for one locale, keyed by error code and policy reason. */
export type MessageCatalogue = { [C in ErrorCode]: CodeMessages<C> } & {
  policy: Record<PolicyReason, (d: ErrorDetailsByCode['POLICY_VIOLATION']) => string>;
};

/** Formats a limit or requested value with its unit, if any. */
export function withUnit(value: string | number | undefined, unit: string | undefined): string {
  if (value === undefined) return '?';
  return unit ? `${value} ${unit}` : String(value);
}
