import { z } from 'zod';
import type { Locale } from '../errors/locale.js';
import { parseInput, validationSubject } from '../errors/validation.js';
import { JOB_SPEC_FIELD_TEXT } from './job-spec-form-text.js';
import { type JobSpecInput, JobSpecSchema } from './job-spec.js';
import { jobSpecJsonSchema } from './json-schema.js';

/** How a portal renders one field of the job form. */
export type JobSpecFormInput = 'text' | 'textarea' | 'integer' | 'checkbox';

/** One field of a job form, derived from the JobSpec JSON Schema. */
export interface JobSpecFormField {
  /** The form field's name: the spec's key, dotted for a nested one (`memory.perNode`). */
  name: string;
  input: JobSpecFormInput;
  /** A short label for the field, in every locale (`label['zh-CN']`). */
  label: Readonly<Record<Locale, string>>;
  /** What the field means, for a hint beside it, in every locale (English is the schema's description). */
  description: Readonly<Record<Locale, string>>;
  /** Bounds of an integer field, as the schema states them (an exclusive minimum of 0 is 1). */
  min?: number;
  max?: number;
  /** The longest text the field takes. */
  maxLength?: number;
}

// Text longer than this is a multi-line field (the command and the script).
const TEXTAREA_FROM = 10_000;

type SchemaNode = {
  type?: string;
  description?: string;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  maxLength?: number;
};

function fieldOf(name: string, node: SchemaNode): JobSpecFormField | undefined {
  const text = JOB_SPEC_FIELD_TEXT[name];
  const label = { en: text?.label.en ?? name, 'zh-CN': text?.label['zh-CN'] ?? name };
  const en = node.description ?? name;
  const description = { en, 'zh-CN': text?.zhDescription ?? en };
  // A field that also takes an object (`timeLimit`, `array`) is written as its text form in a form.
  const type = node.type ?? node.anyOf?.find((n) => n.type === 'string')?.type;
  if (type === 'integer') {
    const min = node.minimum ?? (node.exclusiveMinimum === undefined ? undefined : node.exclusiveMinimum + 1);
    return {
      name,
      input: 'integer',
      label,
      description,
      ...(min !== undefined && { min }),
      ...(node.maximum !== undefined && { max: node.maximum }),
    };
  }
  if (type === 'boolean') return { name, input: 'checkbox', label, description };
  if (type === 'string') {
    const long = (node.maxLength ?? 0) > TEXTAREA_FROM;
    return {
      name,
      input: long ? 'textarea' : 'text',
      label,
      description,
      ...(node.maxLength !== undefined && { maxLength: node.maxLength }),
    };
  }
  return undefined;
}

let cached: readonly JobSpecFormField[] | undefined;

/**
 * The fields of a job form, in the JobSpec's order, derived from {@link jobSpecJsonSchema}: every
 * text, whole-number and yes/no field, and the text fields of a nested object (`memory.perNode`),
 * each with a label and a description in English and Chinese.
 * Fields a form cannot hold as one value (`environment`, `dependencies`, `directives`) are left
 * out. A portal picks the ones it shows; {@link jobSpecFromForm} reads what the form sends back.
 *
 * @example
 * ```ts
 * const fields = jobSpecFormFields().filter((f) => ['name', 'coresPerNode', 'timeLimit', 'command'].includes(f.name));
 * fields[1]; // { name: 'coresPerNode', input: 'integer', min: 1, max: 16777216, label: { en: 'Cores per node', 'zh-CN': '每节点核数' }, description: { en: 'CPU cores per node …', … } }
 * ```
 */
export function jobSpecFormFields(): readonly JobSpecFormField[] {
  if (cached) return cached;
  const fields: JobSpecFormField[] = [];
  for (const [key, node] of Object.entries(jobSpecJsonSchema().properties as Record<string, SchemaNode>)) {
    const field = fieldOf(key, node);
    if (field) {
      fields.push(field);
      continue;
    }
    if (node.type === 'object' && node.properties) {
      for (const [sub, child] of Object.entries(node.properties)) {
        const nested = fieldOf(`${key}.${sub}`, child);
        if (nested?.input === 'text') fields.push(nested);
      }
    }
  }
  cached = Object.freeze(fields.map((f) => Object.freeze(f)));
  return cached;
}

/** What a form sends: field name → text (an HTML form's values), as `jobSpecFromForm` takes it. */
export const JobSpecFormValuesSchema = z.record(z.string().max(200), z.string());

/** What a form sends, by field name. */
export type JobSpecFormValues = z.input<typeof JobSpecFormValuesSchema>;

/**
 * Reads a submitted job form into a validated job spec: text that is empty or only whitespace is
 * not given (the scheduler's or site's default applies), whole-number fields become numbers, a
 * checkbox is set by `on` or `true`, dotted names fill nested objects (`memory.perNode`). A name
 * that is no field of the spec is refused, like every other mistake, with the spec's own
 * bilingual messages and the field's name as the path, so a portal can show each message next to
 * its field. Strip the portal's own fields (a CSRF token) before calling.
 *
 * @throws `VALIDATION` listing every bad field (`details.issues[].path` is the field's path).
 * @example
 * ```ts
 * const spec = jobSpecFromForm({ name: 'relax', coresPerNode: '16', timeLimit: '2h', 'memory.perNode': '', command: 'python relax.py' });
 * // { name: 'relax', coresPerNode: 16, timeLimit: '2h', command: 'python relax.py' }
 * await client.as('alice').jobs.submit(spec);
 * ```
 */
export function jobSpecFromForm(values: JobSpecFormValues): JobSpecInput {
  const form = parseInput(JobSpecFormValuesSchema, values, validationSubject('job_spec'), ['form']);
  const byName = new Map(jobSpecFormFields().map((f) => [f.name, f]));
  const spec: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(form)) {
    const field = byName.get(name);
    if (raw.trim() === '' && field?.input !== 'checkbox') continue;
    const value = field ? read(field.input, raw) : raw;
    const [head, sub] = name.split('.', 2) as [string, string | undefined];
    if (sub === undefined || !field) spec[name] = value;
    else spec[head] = { ...(spec[head] as object | undefined), [sub]: value };
  }
  parseInput(JobSpecSchema, spec, validationSubject('job_spec'));
  return spec as JobSpecInput;
}

// A value the field's type cannot take stays text, so the spec's schema names what was wrong.
function read(input: JobSpecFormInput, raw: string): unknown {
  const text = raw.trim();
  if (input === 'integer') return /^-?\d{1,16}$/.test(text) ? Number(text) : text;
  if (input === 'checkbox') return text === 'on' || text === 'true';
  return input === 'textarea' ? raw : text;
}
