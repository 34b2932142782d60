import type { ErrorCode } from '../codes.js';
import type { ErrorDetailsByCode, PolicyViolationDetail } from '../details.js';
import type { Locale } from '../locale.js';
import { isViolationCode } from '../violation-codes.js';
import {
  type CodeMessages,
  joinSentences,
  type MessageCatalogue,
  type ReasonMessages,
  type ReasonsByCode,
} from './catalogue.js';
import { messages } from './en.js';
import { messagesZhCn } from './zh-cn.js';

const catalogues: Record<Locale, MessageCatalogue> = { en: messages, 'zh-CN': messagesZhCn };

/** An error's message in one language: what failed, and how to fix it. */
export interface RenderedMessage {
  summary: string;
  hint?: string;
}

/**
 * Writes the message of an error from its code and details: the reason's wording when the details
 * name a reason the catalogue knows, else the code's; policy violations listed one by one; and the
 * submitted job first when one exists (`details.jobId`).
 */
export function renderMessage<C extends ErrorCode>(
  locale: Locale,
  code: C,
  details: ErrorDetailsByCode[C],
): RenderedMessage {
  const catalogue = catalogues[locale];
  const general = catalogue.codes[code] as CodeMessages<C>;
  const variant = reasonMessages(catalogue, code, details);
  const listed = code === 'POLICY_VIOLATION' ? violationList(locale, details as never) : undefined;
  let summary = listed ?? (variant?.summary ?? general.summary)(details);
  // A reason that words its own hint decides it, even to have none.
  const hintOf = variant?.hint ?? general.hint;
  let hint = listed === undefined ? hintOf?.(details) : undefined;
  const { jobId } = details as { jobId?: string };
  if (jobId !== undefined) {
    summary = catalogue.submitted.summary(jobId, summary);
    hint = catalogue.submitted.hint(jobId);
  }
  return hint === undefined ? { summary } : { summary, hint };
}

/** One resource-policy violation in one language, or `undefined` for a code the catalogue lacks. */
export function renderViolation(locale: Locale, violation: PolicyViolationDetail): string | undefined {
  return isViolationCode(violation.code)
    ? catalogues[locale].violations[violation.code](violation)
    : undefined;
}

function reasonMessages<C extends ErrorCode>(
  catalogue: MessageCatalogue,
  code: C,
  details: ErrorDetailsByCode[C],
): ReasonMessages<C> | undefined {
  const reason = (details as { reason?: string }).reason;
  if (reason === undefined || !Object.hasOwn(catalogue.reasons, code)) return undefined;
  const table = catalogue.reasons[code as keyof ReasonsByCode] as Record<string, ReasonMessages<C>>;
  return Object.hasOwn(table, reason) ? table[reason] : undefined;
}

/** Every listed violation's message, joined; `undefined` when there are none to word. */
function violationList(locale: Locale, details: ErrorDetailsByCode['POLICY_VIOLATION']): string | undefined {
  if (!details.violations?.length) return undefined;
  // A violation carries its words when it was worded with more facts than the details keep
  // (billing's check); a bare one is worded from its facts here.
  const texts = details.violations.map(
    (v) => v.message?.[locale] ?? renderViolation(locale, v) ?? v.message?.en ?? '',
  );
  const words = texts.filter((t) => t !== '');
  return words.length === 0 ? undefined : words.reduce(joinSentences);
}
