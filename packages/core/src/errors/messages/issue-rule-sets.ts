import type { ValidationIssue, ValidationIssueFacts } from '../details.js';
import type { Locale } from '../locale.js';
import { customIssue, type RawIssue, type RuleFacts, recordFacts } from '../validation.js';

/** Words one rule in one locale from the facts of the issue. */
export type IssueWording = (facts: ValidationIssueFacts) => string;

/** The words of a package's rules in every locale: the same rule names in each. */
export type IssueRuleTables<R extends string> = { [L in Locale]: Record<R, IssueWording> };

/**
 * A package's validation rules, worded in every locale: the helpers its schemas use instead of
 * writing English text, so `formatError(err, { locale })` words their issues too.
 */
export interface IssueRuleSet<R extends string> {
  /** The prefix of its rules' names in `facts.rule` (`billing` gives `billing.repeats_qos`). */
  readonly scope: string;
  /** The English words of a rule, e.g. for a thrown error's own text. */
  message(rule: R, facts?: RuleFacts): string;
  /** A custom issue for `ctx.addIssue` in a zod refinement. */
  issue(rule: R, facts?: RuleFacts): { code: 'custom'; message: string; params: Record<string, unknown> };
  /** zod's `error` option of a check or refinement. */
  error(rule: R, facts?: RuleFacts): (issue: RawIssue) => string;
  /** A validation issue found outside a zod parse. */
  validationIssue(path: (string | number)[], rule: R, facts?: RuleFacts): ValidationIssue;
}

// One table for every copy of core in a process (its ESM and CJS builds loaded side by side): a
// rule registered through one copy is worded by the other's formatError.
const REGISTRY = Symbol.for('hpckit.issueRuleSets');
type Registry = Map<string, IssueRuleTables<string>>;
const registry = (): Registry => {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
};

/**
 * Registers a package's validation rules with their words in every locale and returns the helpers
 * its schemas word issues with. Core imports no package: a package contributes its rules when it
 * loads, which is before any of its issues can exist. Registering a scope again replaces it (a
 * module loaded twice).
 *
 * @throws `Error` when a locale misses a rule of another (a JavaScript caller, which types miss).
 * @example
 * ```ts
 * import { z } from 'zod';
 *
 * const rules = defineIssueRules('my-portal', {
 *   en: { no_spaces: () => 'must not contain spaces' },
 *   'zh-CN': { no_spaces: () => '不能包含空格' },
 * });
 * const Name = z.string().refine((s) => !s.includes(' '), { error: rules.error('no_spaces') });
 * ```
 */
export function defineIssueRules<R extends string>(
  scope: string,
  tables: IssueRuleTables<R>,
): IssueRuleSet<R> {
  const names = Object.keys(tables.en).sort();
  for (const [locale, table] of Object.entries(tables) as [Locale, Record<string, IssueWording>][]) {
    const missing = names.filter((n) => typeof table[n] !== 'function');
    if (missing.length > 0) throw new Error(`${scope}: rules without ${locale} words: ${missing.join(', ')}`);
  }
  registry().set(scope, tables);
  const facts = (rule: R, given: RuleFacts = {}): ValidationIssueFacts => ({
    ...given,
    rule: `${scope}.${rule}`,
  });
  const en = (rule: R, all: ValidationIssueFacts) => tables.en[rule](all);
  return {
    scope,
    message: (rule, given) => en(rule, facts(rule, given)),
    issue(rule, given) {
      const all = facts(rule, given);
      return customIssue(en(rule, all), all);
    },
    error: (rule, given) => (issue) => {
      const all = facts(rule, given);
      recordFacts(issue, all);
      return en(rule, all);
    },
    validationIssue: (path, rule, given) => {
      const all = facts(rule, given);
      return { path, message: en(rule, all), code: 'custom', facts: all };
    },
  };
}

/** The words of a registered package rule (`scope.rule`) in a locale, if one is registered. */
export function registeredRuleWording(rule: string, locale: Locale): IssueWording | undefined {
  const dot = rule.indexOf('.');
  if (dot < 0) return undefined;
  const table = registry().get(rule.slice(0, dot))?.[locale];
  const name = rule.slice(dot + 1);
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Every registered package's rule tables, by scope (for tests that check their words). */
export function registeredIssueRules(): ReadonlyMap<string, IssueRuleTables<string>> {
  return registry();
}
