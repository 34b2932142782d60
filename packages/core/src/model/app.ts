import { z } from 'zod';
import { type RuleFacts, ruleError, ruleIssue } from '../errors/validation.js';
import type { IssueRule } from '../errors/messages/en-issues.js';
import { TimeLimitSchema } from '../time/duration.js';
import { DirectivesSchema } from './job-spec.js';

/** Job-spec fields a form attribute may fill; any other attribute reaches the script as a variable. */
export const APP_ATTRIBUTE_TARGETS = [
  'partition',
  'account',
  'qos',
  'timeLimit',
  'coresPerNode',
  'gpusPerNode',
  'memoryPerNode',
] as const;

// Job-spec fields that take whole numbers: a fraction would pass the form and fail at submit.
const INTEGER_TARGETS: ReadonlySet<string> = new Set(['coresPerNode', 'gpusPerNode']);

const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One choice of a `select` attribute. */
export const AppOptionSchema = z.strictObject({
  value: z.string().min(1, { error: ruleError('app_option_value') }),
  label: z.string().optional().describe('Shown in the form; the value if omitted'),
  /** Choosing this option asks for at least one GPU (e.g. the `gpu` partition). @default false */
  requiresGpu: z.boolean().default(false),
});

/** A form field of an app: number, text or select, with a default and what it fills in the job. */
export const AppAttributeSchema = z
  .strictObject({
    name: z.string().regex(ATTRIBUTE_NAME, { error: ruleError('app_attribute_name') }),
    label: z.string().optional().describe('Shown in the form; the name if omitted'),
    type: z.enum(['number', 'text', 'select']),
    /** A submission must give a value (or the attribute must have a default). @default true */
    required: z.boolean().default(true),
    defaultValue: z.union([z.string(), z.number()]).optional(),
    help: z.string().optional().describe('Help text under the field'),
    /** Lowest accepted number (`number` only). */
    min: z.number().optional(),
    /** Highest accepted number (`number` only). */
    max: z.number().optional(),
    /**
     * Accept whole numbers only (`number` only). @default true when the target is `coresPerNode`
     * or `gpusPerNode`, else false
     */
    integer: z.boolean().optional(),
    /** Choices of a `select`. */
    options: z.array(AppOptionSchema).optional(),
    /** The job-spec field this attribute fills; without it the script reads `$HPCKIT_FORM_<NAME>`. */
    target: z.enum(APP_ATTRIBUTE_TARGETS).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'select' && !a.options?.length) {
      ctx.addIssue(at(['options'], 'app_select_needs_options'));
    }
    if (a.type !== 'select' && a.options) {
      ctx.addIssue(at(['options'], 'app_options_only_select', { value: a.type }));
    }
    if (a.type === 'number' && a.defaultValue !== undefined && typeof a.defaultValue !== 'number') {
      ctx.addIssue(at(['defaultValue'], 'app_number_default'));
    }
    // `false` is what parsing fills in for these, so a defined app parses again as it is.
    if (a.type !== 'number' && a.integer === true) {
      ctx.addIssue(at(['integer'], 'app_integer_only_number', { value: a.type }));
    }
    if (a.type === 'number') checkNumberAttribute(a, ctx);
    if (a.target !== undefined && INTEGER_TARGETS.has(a.target)) {
      if (a.type === 'text') {
        ctx.addIssue(at(['type'], 'app_target_whole_type', { item: a.target }));
      }
      a.options?.forEach((o, i) => {
        if (!/^\d+$/.test(o.value)) {
          ctx.addIssue(
            at(['options', i, 'value'], 'app_target_whole_option', { item: a.target, value: o.value }),
          );
        }
      });
    }
    if (
      a.type === 'select' &&
      a.defaultValue !== undefined &&
      !a.options?.some((o) => o.value === a.defaultValue)
    ) {
      ctx.addIssue(at(['defaultValue'], 'app_default_not_an_option', { value: String(a.defaultValue) }));
    }
  })
  .transform((a) => ({
    ...a,
    integer: a.integer ?? (a.type === 'number' && a.target !== undefined && INTEGER_TARGETS.has(a.target)),
  }));

/** A custom issue at `path` breaking one of the app rules, worded in every locale. */
function at(path: (string | number)[], rule: IssueRule, facts?: RuleFacts) {
  return { ...ruleIssue(rule, facts), path };
}

function checkNumberAttribute(
  a: { min?: number; max?: number; integer?: boolean; defaultValue?: string | number; target?: string },
  ctx: z.RefinementCtx,
): void {
  const integerTarget = a.target !== undefined && INTEGER_TARGETS.has(a.target);
  if (integerTarget && a.integer === false) {
    ctx.addIssue(at(['integer'], 'app_target_integer_false', { item: a.target }));
  }
  if (a.min !== undefined && a.max !== undefined && a.min > a.max) {
    ctx.addIssue(at(['max'], 'app_max_below_min', { minimum: a.min, maximum: a.max }));
  }
  if (typeof a.defaultValue !== 'number') return;
  const d = a.defaultValue;
  if ((a.min !== undefined && d < a.min) || (a.max !== undefined && d > a.max)) {
    ctx.addIssue(
      at(['defaultValue'], 'app_default_out_of_bounds', { value: String(d), minimum: a.min, maximum: a.max }),
    );
  }
  if ((a.integer ?? integerTarget) && !Number.isInteger(d)) {
    ctx.addIssue(
      at(['defaultValue'], 'app_default_not_whole', {
        value: String(d),
        ...(integerTarget ? { item: a.target } : {}),
      }),
    );
  }
}

/** Where a portal sends the user: method, path and query or form fields, with placeholders. */
export const AppConnectSchema = z.strictObject({
  /** @default 'GET' */
  method: z.enum(['GET', 'POST']).default('GET'),
  /** Path on the server, may use placeholders, e.g. `/lab`. */
  path: z.string().startsWith('/', { error: ruleError('app_path_slash', { text: 'connect' }) }),
  /** Query fields; values may use `{{password}}`, `{{port}}`, `{{host}}`, `{{session}}`. */
  query: z.record(z.string(), z.string()).optional(),
  /** Form fields of a POST (a login form); same placeholders. */
  form: z.record(z.string(), z.string()).optional(),
  /** HTTP headers a proxy adds to every request (e.g. `Authorization: token {{password}}`). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Path the lifecycle probes to decide the server answers (any HTTP status below 500). @default '/' */
  readyPath: z
    .string()
    .startsWith('/', { error: ruleError('app_path_slash', { text: 'ready' }) })
    .default('/'),
});

/** The lowest port an app may use: below it only root can listen, and the node's services live there. */
const LOWEST_APP_PORT = 1024;

/**
 * Ports a session's server may listen on, both ends included. The job picks one at random, and a
 * portal proxies only to a port in the range, whatever the job's connection file says.
 */
export const AppPortRangeSchema = z
  .strictObject({
    min: z
      .number()
      .int({ error: ruleError('whole_number') })
      .min(LOWEST_APP_PORT, { error: ruleError('app_port_unprivileged', { minimum: LOWEST_APP_PORT }) }),
    max: z
      .number()
      .int({ error: ruleError('whole_number') })
      .max(65_535, { error: ruleError('at_most', { maximum: 65_535 }) }),
  })
  .superRefine((r, ctx) => {
    if (r.min > r.max) ctx.addIssue(at(['max'], 'app_max_below_min', { minimum: r.min, maximum: r.max }));
  });

/**
 * An interactive app as data: its form, its scheduler options, the script that starts its server,
 * and how to connect. Users add their own with `defineApp` (`@hpckit/apps`).
 */
export const AppSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: ruleError('app_id') }),
  name: z.string().min(1, { error: ruleError('app_display_name') }),
  description: z.string().optional(),
  /** `web`: an HTTP server; `vnc`: a desktop behind a websocket VNC server. */
  kind: z.enum(['web', 'vnc']),
  attributes: z
    .array(AppAttributeSchema)
    .default([])
    .superRefine((attributes, ctx) => {
      // Names reach the script upper-cased ($HPCKIT_FORM_<NAME>): "foo" and "FOO" would collide.
      const seen = new Map<string, string>();
      attributes.forEach((a, i) => {
        const key = a.name.toUpperCase();
        const first = seen.get(key);
        if (first === undefined) seen.set(key, a.name);
        else ctx.addIssue(at([i, 'name'], 'app_attribute_name_taken', { value: a.name, item: first }));
      });
    }),
  /**
   * Time limit when no attribute sets one, e.g. `'8h'` or `{ hours: 8 }` (never a bare number).
   * Kept as `{ seconds }`, a form the schema takes again, so a defined app defines the same app.
   * @default { seconds: 3600 }
   */
  timeLimit: TimeLimitSchema.transform((seconds) => ({ seconds })).default({ seconds: 3600 }),
  /** Raw scheduler directives of the session's job. */
  directives: DirectivesSchema.optional(),
  /** Ports the server may listen on. @default { min: 20000, max: 59999 } */
  portRange: AppPortRangeSchema.default({ min: 20_000, max: 59_999 }),
  /**
   * Bash that starts the server in the foreground. It reads `$HPCKIT_PORT`, `$HPCKIT_PASSWORD`,
   * `$HPCKIT_HOST`, `$HPCKIT_SESSION_DIR` and `$HPCKIT_FORM_<NAME>`; form values are never
   * spliced into its text.
   */
  script: z.string().min(1, { error: ruleError('app_script_empty') }),
  connect: AppConnectSchema,
});

/** A running or finished instance of an app: its job and where to connect. */
export const AppSessionSchema = z.object({
  id: z.string(),
  appId: z.string(),
  cluster: z.string(),
  user: z.string(),
  jobId: z.string(),
  createdAt: z.date(),
  /** Directory holding the session's files (connection file, logs). */
  directory: z.string(),
  /** Where the server listens and its one-time secret, once the session is ready. */
  connection: z.object({ host: z.string(), port: z.number().int(), secret: z.string() }).optional(),
});

/** A validated app definition. */
export type App = z.output<typeof AppSchema>;
/** What callers may pass as an app definition. */
export type AppInput = z.input<typeof AppSchema>;
/** Ports a session's server may listen on. */
export type AppPortRange = z.output<typeof AppPortRangeSchema>;
/** A validated form attribute. */
export type AppAttribute = z.output<typeof AppAttributeSchema>;
/** A job-spec field a form attribute may fill. */
export type AppAttributeTarget = (typeof APP_ATTRIBUTE_TARGETS)[number];
/** An app session. */
export type AppSession = z.output<typeof AppSessionSchema>;
