import { durationForMessage } from '../../time/duration.js';
import type { Locale } from '../locale.js';
import type { ErrorCode, PolicyReason } from '../codes.js';
import type { ErrorDetailsByCode, PolicyViolationDetail } from '../details.js';
import type {
  AlreadyExistsReason,
  InternalReason,
  NotFoundReason,
  ParseReason,
  PermissionReason,
  TimeoutReason,
  TransportReason,
  UnsupportedReason,
  ValidationReason,
} from '../reasons.js';
import type { ViolationCode } from '../violation-codes.js';

/** Renders one error code in one language: what failed, and how to fix it. */
export interface CodeMessages<C extends ErrorCode> {
  summary(details: ErrorDetailsByCode[C]): string;
  hint?(details: ErrorDetailsByCode[C]): string | undefined;
}

/**
 * Renders one reason of a code. Either part may be left out to use the code's own; a `hint` that
 * returns `undefined` means no hint at all.
 */
export interface ReasonMessages<C extends ErrorCode> {
  summary?(details: ErrorDetailsByCode[C]): string;
  hint?(details: ErrorDetailsByCode[C]): string | undefined;
}

/** The reason vocabulary of each code whose messages depend on a reason (policy has its own table). */
export interface ReasonsByCode {
  VALIDATION: ValidationReason;
  NOT_FOUND: NotFoundReason;
  ALREADY_EXISTS: AlreadyExistsReason;
  PERMISSION_DENIED: PermissionReason;
  TRANSPORT: TransportReason;
  PARSE: ParseReason;
  UNSUPPORTED: UnsupportedReason;
  TIMEOUT: TimeoutReason;
  INTERNAL: InternalReason;
}

/** A complete message catalogue for one locale. */
export interface MessageCatalogue {
  /** Every code's general message. */
  codes: { [C in ErrorCode]: CodeMessages<C> };
  /** The messages of each code's reasons. */
  reasons: { [C in keyof ReasonsByCode]: Record<ReasonsByCode[C], ReasonMessages<C>> };
  /** A policy violation described by its facts, per reason: what was refused and the way out. */
  policy: Record<PolicyReason, (d: ErrorDetailsByCode['POLICY_VIOLATION']) => string>;
  /**
   * How to get past a scheduler's refusal quoted in the scheduler's own words
   * (`details.nativeMessage`, without the numbers the reason's own message needs), per reason.
   */
  refusalHints: Record<PolicyReason, (d: ErrorDetailsByCode['POLICY_VIOLATION']) => string | undefined>;
  /** One broken resource-policy rule, per violation code. */
  violations: Record<ViolationCode, (v: PolicyViolationDetail) => string>;
  /** An error after which a submitted job exists (`details.jobId`), around the error's own summary. */
  submitted: {
    summary(jobId: string, summary: string): string;
    hint(jobId: string): string;
  };
}

/**
 * The units adapters give resource limits in (`details.unit`), in Chinese; a unit not listed
 * (`GB`, `MiB`) is a symbol, the same in every language.
 */
const UNITS_ZH_CN: Record<string, string> = {
  nodes: '个节点',
  'cores per node': '核/节点',
  'GPUs per node': '块 GPU/节点',
  'MiB per node': 'MiB/节点',
};

/** Formats a limit or requested value with its unit, if any; seconds in their largest whole unit. */
export function withUnit(
  value: string | number | undefined,
  unit: string | undefined,
  locale: Locale = 'en',
): string {
  if (value === undefined) return '?';
  if (unit === 's') return typeof value === 'number' ? durationForMessage(value, locale) : String(value);
  if (!unit) return String(value);
  return `${value} ${locale === 'zh-CN' ? named(UNITS_ZH_CN, unit) : unit}`;
}

/** `text` ending as an English sentence: quoted scheduler words are followed by a hint. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `s` with its first letter in upper case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `word` as `table` names it, or as it is when the table does not know it. */
export function named(table: Record<string, string>, word: string): string {
  return Object.hasOwn(table, word) ? table[word]! : word;
}

/** Two sentences as one text: a space between them, none after a Chinese full stop. */
export function joinSentences(first: string, second: string): string {
  return /[。！？]$/.test(first) ? `${first}${second}` : `${first} ${second}`;
}
