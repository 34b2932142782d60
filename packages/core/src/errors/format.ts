import type { PolicyViolationDetail } from './details.js';
import { isHpckitError } from './hpckit-error.js';
import type { Locale } from './locale.js';
import { joinSentences } from './messages/catalogue.js';
import { renderMessage, renderViolation } from './messages/render.js';

/** Options of {@link formatError}. */
export interface FormatErrorOptions {
  /** @default 'en' */
  locale?: Locale;
  /** Append the hint (how to fix it). @default true */
  hint?: boolean;
}

/**
 * Renders an error for a person, in English or Simplified Chinese, without the library prefix.
 *
 * Errors built from the catalogue (every policy violation, not-found, validation, and the
 * adapters' and transports' refusals, which pass facts rather than text) are fully translated,
 * quoting the scheduler's own words where it gave some; an error whose thrower supplied its own
 * wording uses its `translations`, or keeps that wording when there is none for the locale.
 * Anything that is not an hpckit error renders as its `message`.
 *
 * @example
 * ```ts
 * formatError(err, { locale: 'zh-CN' }); // "QoS“normal”允许的最大值 2 d…"
 * ```
 */
export function formatError(err: unknown, options: FormatErrorOptions = {}): string {
  if (!isHpckitError(err)) return err instanceof Error ? err.message : String(err);
  const locale = options.locale ?? 'en';
  const translated = err.translations[locale];
  if (translated !== undefined) return translated;
  const withHint = options.hint ?? true;
  const rendered = renderMessage(locale, err.code, err.details);
  const summary = err.customMessage ? err.reason : rendered.summary;
  const hint = err.customHint ? err.hint : rendered.hint;
  return withHint && hint ? joinSentences(summary, hint) : summary;
}

/**
 * Renders one broken resource-policy rule for a person, from its facts, in English or Simplified
 * Chinese: the words `@hpckit/billing` gives each `Violation.message`. A rule whose code is not
 * one of `VIOLATION_CODES` renders as the message it carries.
 *
 * @example
 * ```ts
 * formatViolation({ code: 'node_memory', partition: 'cpu', limit: 251, requested: 300, unit: 'GB' }, { locale: 'zh-CN' });
 * // "分区“cpu”每个节点最多可用 251 GB 内存，…"
 * ```
 */
export function formatViolation(violation: PolicyViolationDetail, options: { locale?: Locale } = {}): string {
  const locale = options.locale ?? 'en';
  return renderViolation(locale, violation) ?? violation.message?.[locale] ?? violation.message?.en ?? '';
}
