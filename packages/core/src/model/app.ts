import { z } from 'zod';
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
  value: z.string().min(1, 'an option needs a non-empty value'),
  label: z.string().optional().describe('Shown in the form; the value if omitted'),
  /** Choosing this option asks for at least one GPU (e.g. the `gpu` partition). @default false */
  requiresGpu: z.boolean().default(false),
});

/** A form field of an app: number, text or select, with a default and what it fills in the job. */
export const AppAttributeSchema = z
  .strictObject({
    name: z
      .string()
      .regex(ATTRIBUTE_NAME, 'attribute names are letters, digits and "_", not starting with a digit'),
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
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a "select" attribute needs at least one option',
      });
    }
    if (a.type !== 'select' && a.options) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `only "select" attributes take options, not "${a.type}"`,
      });
    }
    if (a.type === 'number' && a.defaultValue !== undefined && typeof a.defaultValue !== 'number') {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultValue'],
        message: 'the default of a "number" attribute is a number',
      });
    }
    // `false` is what parsing fills in for these, so a defined app parses again as it is.
    if (a.type !== 'number' && a.integer === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['integer'],
        message: `only "number" attributes take "integer", not "${a.type}"`,
      });
    }
    if (a.type === 'number') checkNumberAttribute(a, ctx);
    if (a.target !== undefined && INTEGER_TARGETS.has(a.target)) {
      if (a.type === 'text') {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: `"${a.target}" takes a whole number: make the attribute a "number" or a "select"`,
        });
      }
      a.options?.forEach((o, i) => {
        if (!/^\d+$/.test(o.value)) {
          ctx.addIssue({
            code: 'custom',
            path: ['options', i, 'value'],
            message: `"${a.target}" takes a whole number, not "${o.value}"`,
          });
        }
      });
    }
    if (
      a.type === 'select' &&
      a.defaultValue !== undefined &&
      !a.options?.some((o) => o.value === a.defaultValue)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultValue'],
        message: `the default "${a.defaultValue}" is not one of the options`,
      });
    }
  })
  .transform((a) => ({
    ...a,
    integer: a.integer ?? (a.type === 'number' && a.target !== undefined && INTEGER_TARGETS.has(a.target)),
  }));

function checkNumberAttribute(
  a: { min?: number; max?: number; integer?: boolean; defaultValue?: string | number; target?: string },
  ctx: z.RefinementCtx,
): void {
  const integerTarget = a.target !== undefined && INTEGER_TARGETS.has(a.target);
  if (integerTarget && a.integer === false) {
    ctx.addIssue({
      code: 'custom',
      path: ['integer'],
      message: `"${a.target}" takes whole numbers: drop "integer: false" or choose another target`,
    });
  }
  if (a.min !== undefined && a.max !== undefined && a.min > a.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['max'],
      message: `max (${a.max}) is below min (${a.min})`,
    });
  }
  if (typeof a.defaultValue !== 'number') return;
  const d = a.defaultValue;
  if ((a.min !== undefined && d < a.min) || (a.max !== undefined && d > a.max)) {
    ctx.addIssue({
      code: 'custom',
      path: ['defaultValue'],
      message: `the default ${d} is outside the bounds ${a.min ?? '-∞'}…${a.max ?? '∞'}: change the default or the bounds`,
    });
  }
  if ((a.integer ?? integerTarget) && !Number.isInteger(d)) {
    ctx.addIssue({
      code: 'custom',
      path: ['defaultValue'],
      message: `the default ${d} is not a whole number, which ${integerTarget ? `"${a.target}"` : '"integer: true"'} needs`,
    });
  }
}

/** Where a portal sends the user: method, path and query or form fields, with placeholders. */
export const AppConnectSchema = z.strictObject({
  /** @default 'GET' */
  method: z.enum(['GET', 'POST']).default('GET'),
  /** Path on the server, may use placeholders, e.g. `/lab`. */
  path: z.string().startsWith('/', 'the connect path starts with "/"'),
  /** Query fields; values may use `{{password}}`, `{{port}}`, `{{host}}`, `{{session}}`. */
  query: z.record(z.string(), z.string()).optional(),
  /** Form fields of a POST (a login form); same placeholders. */
  form: z.record(z.string(), z.string()).optional(),
  /** HTTP headers a proxy adds to every request (e.g. `Authorization: token {{password}}`). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Path the lifecycle probes to decide the server answers (any HTTP status below 500). @default '/' */
  readyPath: z.string().startsWith('/', 'the ready path starts with "/"').default('/'),
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
      .int('must be a whole number')
      .min(LOWEST_APP_PORT, `must be at least ${LOWEST_APP_PORT} (an unprivileged port)`),
    max: z.number().int('must be a whole number').max(65_535, 'must be at most 65535'),
  })
  .superRefine((r, ctx) => {
    if (r.min > r.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${r.max}) is below min (${r.min})` });
  });

/**
 * An interactive app as data: its form, its scheduler options, the script that starts its server,
 * and how to connect. Users add their own with `defineApp` (`@hpckit/apps`).
 */
export const AppSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'app ids are lowercase letters, digits and "-", e.g. "jupyter-lab"'),
  name: z.string().min(1, 'an app needs a display name'),
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
        else
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `the attribute name "${a.name}" is already used by "${first}" (names are compared ignoring case): rename one`,
          });
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
  script: z.string().min(1, 'the script that starts the server must not be empty'),
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
