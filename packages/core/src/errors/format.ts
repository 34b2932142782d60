import type { ErrorCode } from './codes.js';
import type { Locale } from './locale.js';
import { type HpckitError, isHpckitError } from './hpckit-error.js';
import type { MessageCatalogue } from './messages/catalogue.js';
import { messages } from './messages/en.js';
import { messagesZhCn } from './messages/zh-cn.js';

const catalogues: Record<Locale, MessageCatalogue> = { en: messages, 'zh-CN': messagesZhCn };

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
 * Errors built from the catalogue (every policy violation, not-found, validation…) are fully
 * translated; an error whose thrower supplied its own wording uses its `translations`, or keeps
 * that wording when there is none for the locale. Anything that
 * is not an hpckit error renders as its `message`.
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
  const catalogue = catalogues[locale];
  const withHint = options.hint ?? true;
  const rendered = renderFrom(catalogue, err);
  const summary = rendered && !err.customMessage ? rendered.summary : err.reason;
  const hint = err.customHint ? err.hint : rendered?.hint;
  return withHint && hint ? `${summary} ${hint}` : summary;
}

function renderFrom(catalogue: MessageCatalogue, err: HpckitError): { summary: string; hint?: string } {
  const entry = catalogue[err.code] as MessageCatalogue[ErrorCode];
  const details = err.details as never;
  return { summary: entry.summary(details), hint: entry.hint?.(details) };
}
