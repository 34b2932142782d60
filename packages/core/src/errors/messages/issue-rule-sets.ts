import type { ValidationIssue, ValidationIssueFacts } from '../details.js';
import type { Locale } from '../locale.js';
import {
  customIssue,
  type RawIssue,
  type RuleFacts,
  recordFacts,
  type ValidationSubject,
} from '../validation.js';

/** Words one rule in one locale from the facts of the issue. */
export type IssueWording = (facts: ValidationIssueFacts) => string;

/** The words of a package's rules in every locale: the same rule names in each. */
export type IssueRuleTables<R extends string> = { [L in Locale]: Record<R, IssueWording> };

/**
 * A package's validation rules, worded in every locale: the helpers its schemas use instead of
 * writing English text, so `formatError(err, { locale })` words their issues too.
 */
export interface IssueRuleSet<R extends string, S extends string = never> {
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
  /**
   * What a validation is about (`payment`, `form of app "lab"`), named in every locale: the
   * `subject` argument of `parseInput`, or spread into a `ValidationError`'s details.
   */
  subject(name: S, facts?: RuleFacts): ValidationSubject;
  /**
   * The words of an error the package throws itself (a refusal, not a validation issue), from a
   * rule and, when the tables have one, the rule `<rule>_hint`: the English `message` and `hint`,
   * and the whole text in every other locale, for an `HpckitError`'s init.
   */
  errorText(rule: R, facts?: RuleFacts): ErrorText;
}

/** An error's own words in every locale: what `HpckitError`'s init takes. */
export interface ErrorText {
  message: string;
  hint?: string;
  translations: Partial<Record<Locale, string>>;
}

// One table for every copy of core in a process (its ESM and CJS builds loaded side by side): a
// rule registered through one copy is worded by the other's formatError.
const REGISTRY = Symbol.for('hpckit.issueRuleSets');
const SUBJECTS = Symbol.for('hpckit.subjectNames');
type Registry = Map<string, IssueRuleTables<string>>;
const registryAt = (key: symbol): Registry => {
  const holder = globalThis as { [key: symbol]: Registry | undefined };
  holder[key] ??= new Map();
  return holder[key];
};
const registry = (): Registry => registryAt(REGISTRY);

/**
 * Registers a package's validation rules with their words in every locale and returns the helpers
 * its schemas word issues with. Core imports no package: a package contributes its rules when it
 * loads, which is before any of its issues can exist. Registering a scope again replaces it (a
 * module loaded twice). `subjects` names what the package validates (`"payment"`), in every
 * locale too, so that a message says what was invalid in the reader's language.
 *
 * @throws `Error` when a locale misses a rule of another (a JavaScript caller, which types miss).
 * @example
 * ```ts
 * import { parseInput } from '@hpckit/core';
 * import { z } from 'zod';
 *
 * const rules = defineIssueRules(
 *   'my-portal',
 *   { en: { no_spaces: () => 'must not contain spaces' }, 'zh-CN': { no_spaces: () => '不能包含空格' } },
 *   { en: { project_name: () => 'project name' }, 'zh-CN': { project_name: () => '项目名称' } },
 * );
 * const Name = z.string().refine((s) => !s.includes(' '), { error: rules.error('no_spaces') });
 * parseInput(Name, 'my project', rules.subject('project_name')).length;
 * // throws ValidationError: "Invalid project name: must not contain spaces."; in zh-CN "项目名称无效：不能包含空格。"
 * ```
 */
export function defineIssueRules<R extends string, S extends string = never>(
  scope: string,
  tables: IssueRuleTables<R>,
  subjects?: IssueRuleTables<S>,
): IssueRuleSet<R, S> {
  checkComplete(scope, 'rules', tables);
  registry().set(scope, tables);
  if (subjects !== undefined) {
    checkComplete(scope, 'subjects', subjects);
    registryAt(SUBJECTS).set(scope, subjects);
  }
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
    errorText(rule, given) {
      const all = facts(rule, given);
      const hintRule = `${rule}_hint` as R;
      const words = (locale: Locale) => {
        const table = tables[locale];
        const hint = Object.hasOwn(table, hintRule) ? ` ${table[hintRule](all)}` : '';
        // Chinese sentences end with "。" and need no space between them.
        return `${table[rule](all)}${locale === 'zh-CN' ? hint.trimStart() : hint}`;
      };
      const hint = Object.hasOwn(tables.en, hintRule) ? tables.en[hintRule](all) : undefined;
      const translations = Object.fromEntries(
        (Object.keys(tables) as Locale[]).filter((l) => l !== 'en').map((l) => [l, words(l)]),
      );
      return { message: en(rule, all), ...(hint !== undefined && { hint }), translations };
    },
    subject(name, given) {
      const all = { ...given, rule: `${scope}.${name}` };
      const words = subjects?.en[name];
      return { subject: words === undefined ? name : words(all), subjectFacts: all };
    },
  };
}

function checkComplete(scope: string, what: string, tables: IssueRuleTables<string>): void {
  const names = Object.keys(tables.en).sort();
  for (const [locale, table] of Object.entries(tables) as [Locale, Record<string, IssueWording>][]) {
    const missing = names.filter((n) => typeof table[n] !== 'function');
    if (missing.length > 0)
      throw new Error(`${scope}: ${what} without ${locale} words: ${missing.join(', ')}`);
  }
}

/** The words of a registered package rule (`scope.rule`) in a locale, if one is registered. */
export function registeredRuleWording(rule: string, locale: Locale): IssueWording | undefined {
  return wordingIn(registry(), rule, locale);
}

/** The words of a registered package subject (`scope.name`) in a locale, if one is registered. */
export function registeredSubjectWording(name: string, locale: Locale): IssueWording | undefined {
  return wordingIn(registryAt(SUBJECTS), name, locale);
}

function wordingIn(registered: Registry, rule: string, locale: Locale): IssueWording | undefined {
  const dot = rule.indexOf('.');
  if (dot < 0) return undefined;
  const table = registered.get(rule.slice(0, dot))?.[locale];
  const name = rule.slice(dot + 1);
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Every registered package's rule tables, by scope (for tests that check their words). */
export function registeredIssueRules(): ReadonlyMap<string, IssueRuleTables<string>> {
  return registry();
}

/** Every registered package's subject names, by scope (for tests that check their words). */
export function registeredSubjects(): ReadonlyMap<string, IssueRuleTables<string>> {
  return registryAt(SUBJECTS);
}
