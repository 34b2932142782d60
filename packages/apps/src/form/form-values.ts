import {
  type App,
  type AppAttribute,
  type RuleFacts,
  ValidationError,
  type ValidationIssue,
} from '@hpckit/core';
import { appRules } from '../errors/app-rules.js';

type Rule = Parameters<typeof appRules.message>[0];

/** Submitted form values, by attribute name. */
export type FormValues = Record<string, string | number>;

/**
 * Checks submitted values against an app's attributes and fills defaults: numbers are numbers
 * within bounds (whole numbers for `integer` attributes, which those filling `coresPerNode` or
 * `gpusPerNode` are), selects are one of their options, required fields are present, unknown
 * fields are refused (a typo would otherwise be silently ignored).
 *
 * A missing value, `null`, `''` or text of only whitespace counts as not given: the attribute's
 * default applies, else a required attribute is reported and an optional one left out. (An HTML
 * form sends `''` for a field the user cleared, and no value is whitespace on purpose.)
 *
 * @throws `VALIDATION` listing every bad field as `form.<name>`.
 */
export function validateForm(app: App, input: Readonly<Record<string, unknown>> = {}): FormValues {
  const issues: ValidationIssue[] = [];
  const out: FormValues = {};
  const known = new Set(app.attributes.map((a) => a.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      issues.push(issue(key, 'not_a_field', { value: key, item: app.id, names: [...known] }));
    }
  }
  for (const attr of app.attributes) {
    const given = input[attr.name];
    const raw = isBlank(given) ? attr.defaultValue : given;
    if (raw === undefined) {
      if (attr.required) issues.push(issue(attr.name, 'field_required', { value: attr.label ?? attr.name }));
      continue;
    }
    const checked = checkValue(attr, raw);
    if (typeof checked === 'object') issues.push(issue(attr.name, checked.rule, checked.facts));
    else out[attr.name] = checked;
  }
  if (issues.length > 0)
    throw new ValidationError({ details: { ...appRules.subject('form_of_app', { value: app.id }), issues } });
  return out;
}

/** Whether the chosen values ask for a GPU (a chosen option with `requiresGpu`). */
export function formRequiresGpu(app: App, values: FormValues): boolean {
  return app.attributes.some(
    (a) => a.type === 'select' && a.options?.some((o) => o.requiresGpu && o.value === values[a.name]),
  );
}

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A rule a value broke, with the facts its words need. */
interface Broken {
  rule: Rule;
  facts: RuleFacts;
}

// Returns the value, or the rule it broke (kept in one pass to report every field).
function checkValue(attr: AppAttribute, raw: unknown): string | number | Broken {
  if (attr.type === 'number') {
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n)) return { rule: 'field_not_a_number', facts: { value: JSON.stringify(raw) } };
    const value = String(n);
    if (attr.integer && !Number.isInteger(n))
      return { rule: 'field_not_whole', facts: { value, ...(attr.target && { text: attr.target }) } };
    if (attr.min !== undefined && n < attr.min)
      return { rule: 'field_below_min', facts: { value, minimum: attr.min } };
    if (attr.max !== undefined && n > attr.max)
      return { rule: 'field_above_max', facts: { value, maximum: attr.max } };
    return n;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number')
    return { rule: 'field_not_text', facts: { value: typeof raw } };
  const text = String(raw);
  if (/[\0\r\n]/.test(text)) return { rule: 'field_one_line', facts: {} };
  if (attr.type === 'select' && !attr.options?.some((o) => o.value === text)) {
    return {
      rule: 'field_not_an_option',
      facts: { value: text, names: attr.options?.map((o) => o.value) ?? [] },
    };
  }
  return text;
}

function issue(name: string, rule: Rule, facts: RuleFacts): ValidationIssue {
  return appRules.validationIssue(['form', name], rule, facts);
}
