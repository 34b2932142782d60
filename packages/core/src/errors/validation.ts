import type { z } from 'zod';
import type { ValidationIssue, ValidationIssueFacts } from './details.js';
import { ValidationError } from './hpckit-error.js';
import { type IssueRule, issueRulesEn, type SubjectName, subjectsEn } from './messages/en-issues.js';

/** Where {@link markGeneric} leaves an issue's facts; zod copies it onto the final issue. */
const FACTS = 'hpckitFacts';

/**
 * What a validation is about, named in every locale: spread it into a `ValidationError`'s details
 * or pass it as {@link parseInput}'s `subject`. Core's own come from {@link validationSubject}, a
 * package's from its `defineIssueRules(…).subject`.
 */
export interface ValidationSubject {
  /** The subject in English (`job spec`). */
  subject: string;
  /** The name (`facts.rule`) and facts every locale words the subject from. */
  subjectFacts: ValidationIssueFacts;
}

/**
 * One of core's validation subjects, named in every locale.
 *
 * @example
 * ```ts
 * import { formatError, JobSpecSchema, parseInput, validationSubject } from '@hpckit/core';
 *
 * try {
 *   parseInput(JobSpecSchema, { command: '' }, validationSubject('job_spec'));
 * } catch (err) {
 *   console.log(formatError(err, { locale: 'zh-CN' })); // 作业描述无效："command"：不能为空。
 * }
 * ```
 */
export function validationSubject(name: SubjectName, facts: RuleFacts = {}): ValidationSubject {
  const all = { ...facts, rule: name };
  return { subject: subjectsEn[name](all), subjectFacts: all };
}

/**
 * Parses `input` with `schema`, turning zod's issues into a {@link ValidationError} whose message
 * names every offending path. `subject` says what was being validated: a {@link ValidationSubject}
 * (worded in every locale), or English text ("options"), which every locale shows as written.
 * An issue worded by zod's generic text keeps its facts (`facts`), so every locale can word it.
 *
 * @throws {@link ValidationError} (`VALIDATION`) listing every issue, not just the first.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string | ValidationSubject,
  pathPrefix: (string | number)[] = [],
): z.output<S> {
  const result = validate(schema, input, pathPrefix);
  if ('data' in result) return result.data;
  const named = typeof subject === 'string' ? { subject } : subject;
  throw new ValidationError({ details: { ...named, issues: result.issues } });
}

/**
 * Parses `input` with `schema`, returning its value or its issues with the facts every locale
 * words them from (what {@link parseInput} throws, for a caller that reports them in context).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  pathPrefix: (string | number)[] = [],
): { data: z.output<S> } | { issues: ValidationIssue[] } {
  // A per-parse error map is consulted only for issues no schema worded itself: exactly the ones
  // whose text is zod's generic English, which other locales must word from the facts.
  const result = schema.safeParse(input, { error: markGeneric });
  if (result.success) return { data: result.data };
  const issues: ValidationIssue[] = result.error.issues.map((issue) => {
    const facts =
      (issue as { [FACTS]?: ValidationIssueFacts })[FACTS] ??
      (issue as { params?: { [FACTS]?: ValidationIssueFacts } }).params?.[FACTS];
    const path = [...pathPrefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const base = { path, message: issue.message, code: issue.code };
    return facts === undefined ? base : { ...base, facts };
  });
  return { issues };
}

/** A zod issue as error maps receive it, before zod finalises it. */
export type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

/**
 * Records on an issue, from a schema's own error map, the facts its English text was written
 * from, so that {@link parseInput} keeps them and every locale words the issue from them.
 */
export function recordFacts(issue: RawIssue, facts: ValidationIssueFacts): void {
  (issue as unknown as Record<string, unknown>)[FACTS] = facts;
}

/** The facts a rule is worded from, besides the rule itself. */
export type RuleFacts = Omit<ValidationIssueFacts, 'rule'>;

/**
 * A custom issue breaking one of hpckit's own rules, for `ctx.addIssue`: worded in English now,
 * and carrying the rule and its facts so every locale words it (`parseInput` keeps them).
 *
 * @example
 * ```ts
 * // fragment: inside a zod `superRefine((value, ctx) => …)`
 * ctx.addIssue({ ...ruleIssue('memory_per_gpu_needs_gpus'), path: ['memory'] });
 * ```
 */
export function ruleIssue(
  rule: IssueRule,
  facts: RuleFacts = {},
): { code: 'custom'; message: string; params: Record<string, unknown> } {
  const all = { ...facts, rule };
  return customIssue(issueRulesEn[rule](all), all);
}

/** A custom issue for `ctx.addIssue` with its English text and the facts every locale words it from. */
export function customIssue(
  message: string,
  facts: ValidationIssueFacts,
): { code: 'custom'; message: string; params: Record<string, unknown> } {
  return { code: 'custom', message, params: { [FACTS]: facts } };
}

/**
 * A validation issue breaking one of hpckit's rules outside a zod parse (a key file that cannot be
 * read, a host that does not resolve): worded in English now, and in every locale from its facts.
 *
 * @example
 * ```ts
 * const issue = ruleValidationIssue(['credentials', 'privateKeyPath'], 'key_file_missing', { value: '/etc/portal/id' });
 * issue.message; // 'no private key file at /etc/portal/id'
 * ```
 */
export function ruleValidationIssue(
  path: (string | number)[],
  rule: IssueRule,
  facts: RuleFacts = {},
): ValidationIssue {
  const all = { ...facts, rule };
  return { path, message: issueRulesEn[rule](all), code: 'custom', facts: all };
}

/**
 * zod's `error` option for a check or refinement that breaks one of hpckit's own rules: words it
 * in English and records the rule and its facts for every other locale.
 */
export function ruleError(rule: IssueRule, facts: RuleFacts = {}): (issue: RawIssue) => string {
  return (issue) => {
    const all = { ...facts, rule };
    recordFacts(issue, all);
    return issueRulesEn[rule](all);
  };
}

/**
 * zod's name for the type of a value (`number`, `nan`, `null`, `array`, a class name), and
 * `infinity` for ±Infinity, which a number schema refuses although it is a JS number.
 */
export function typeOf(value: unknown): string {
  if (typeof value === 'number')
    return Number.isNaN(value) ? 'nan' : Number.isFinite(value) ? 'number' : 'infinity';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    if (proto !== null && proto !== Object.prototype && typeof proto.constructor?.name === 'string') {
      return proto.constructor.name;
    }
  }
  return typeof value;
}

/**
 * Records a generic issue's facts on it and leaves its (English) wording to zod, except for an
 * infinite number, which zod words "expected number, received Infinity" without saying why.
 */
function markGeneric(issue: RawIssue): string | undefined {
  const facts = factsOf(issue);
  recordFacts(issue, facts);
  if (facts.expected === 'number' && facts.received === 'infinity')
    return `Invalid input: expected a finite number, received ${String(issue.input)}`;
  return undefined;
}

function factsOf(issue: RawIssue): ValidationIssueFacts {
  const raw = issue as unknown as Record<string, unknown>;
  const facts: ValidationIssueFacts = {};
  switch (issue.code) {
    case 'invalid_type':
      facts.expected = String(raw.expected);
      // The input itself stays out of the details: it is the user's, and may be large.
      facts.received = typeOf(issue.input);
      break;
    case 'too_small':
    case 'too_big':
      if (typeof raw.origin === 'string') facts.origin = raw.origin;
      if (raw.minimum !== undefined) facts.minimum = bound(raw.minimum);
      if (raw.maximum !== undefined) facts.maximum = bound(raw.maximum);
      if (typeof raw.inclusive === 'boolean') facts.inclusive = raw.inclusive;
      break;
    case 'invalid_value':
      facts.values = (raw.values as unknown[]).map(literal);
      break;
    case 'unrecognized_keys':
      facts.keys = (raw.keys as unknown[]).map(String);
      break;
    case 'invalid_format':
      facts.format = String(raw.format);
      if (raw.pattern !== undefined) facts.pattern = String(raw.pattern);
      for (const key of ['prefix', 'suffix', 'includes'] as const) {
        if (typeof raw[key] === 'string') facts.text = raw[key];
      }
      break;
    case 'not_multiple_of':
      facts.divisor = bound(raw.divisor);
      break;
    case 'invalid_key':
    case 'invalid_element':
      if (typeof raw.origin === 'string') facts.origin = raw.origin;
      break;
  }
  return facts;
}

function bound(value: unknown): number | string {
  return typeof value === 'number' ? value : String(value);
}

/** A literal as code writes it: strings quoted, the rest as they print. */
function literal(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
