import { type App, type AppAttribute, ValidationError, type ValidationIssue } from '@hpckit/core';

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
      const names = [...known].join(', ') || 'none';
      issues.push(issue(key, `"${key}" is not a field of app "${app.id}" (its fields: ${names})`));
    }
  }
  for (const attr of app.attributes) {
    const given = input[attr.name];
    const raw = isBlank(given) ? attr.defaultValue : given;
    if (raw === undefined) {
      if (attr.required) issues.push(issue(attr.name, `"${attr.label ?? attr.name}" is required`));
      continue;
    }
    const checked = checkValue(attr, raw);
    if (typeof checked === 'string' && checked.startsWith('!'))
      issues.push(issue(attr.name, checked.slice(1)));
    else out[attr.name] = checked;
  }
  if (issues.length > 0)
    throw new ValidationError({ details: { subject: `form of app "${app.id}"`, issues } });
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

// Returns the value, or a message prefixed with "!" (kept in one pass to report every field).
function checkValue(attr: AppAttribute, raw: unknown): string | number {
  if (attr.type === 'number') {
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n)) return `!must be a number, got ${JSON.stringify(raw)}`;
    if (attr.integer && !Number.isInteger(n)) {
      const what = attr.target ? ` (it sets the job's ${attr.target})` : '';
      return `!must be a whole number${what}, got ${n}`;
    }
    if (attr.min !== undefined && n < attr.min) return `!must be at least ${attr.min}, got ${n}`;
    if (attr.max !== undefined && n > attr.max) return `!must be at most ${attr.max}, got ${n}`;
    return n;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return `!must be text, got ${typeof raw}`;
  const text = String(raw);
  if (/[\0\r\n]/.test(text)) return '!must be one line without control characters';
  if (attr.type === 'select' && !attr.options?.some((o) => o.value === text)) {
    return `!"${text}" is not one of ${attr.options?.map((o) => `"${o.value}"`).join(', ')}`;
  }
  return text;
}

function issue(name: string, message: string): ValidationIssue {
  return { path: ['form', name], message, code: 'custom' };
}
