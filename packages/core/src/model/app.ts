import { z } from 'zod';

/** A form field of an interactive app. */
export const AppAttributeSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  label: z.string(),
  type: z.enum(['number', 'text', 'select']),
  required: z.boolean().default(true),
  defaultValue: z.union([z.string(), z.number()]).optional(),
  placeholder: z.string().optional(),
  options: z
    .array(z.object({ value: z.string(), label: z.string(), requiresGpu: z.boolean().default(false) }))
    .optional(),
});

/**
 * An interactive app (JupyterLab, a desktop…): its form, how its job starts the server, and how a
 * portal connects to it. Shape only for now; the lifecycle arrives with the apps module.
 *
 * @experimental
 */
export const AppSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string(),
  kind: z.enum(['web', 'vnc']),
  attributes: z.array(AppAttributeSchema).default([]),
  /** Extra scheduler directives for the app's job. */
  directives: z.record(z.string(), z.union([z.string(), z.literal(true), z.null()])).optional(),
  /** Shell script that starts the server; it must write the connection file. */
  script: z.string(),
  connect: z.object({
    method: z.enum(['GET', 'POST']).default('GET'),
    path: z.string(),
    query: z.record(z.string(), z.string()).optional(),
    form: z.record(z.string(), z.string()).optional(),
  }),
});

/**
 * A running or finished instance of an app: its job and where to connect.
 *
 * @experimental
 */
export const AppSessionSchema = z.object({
  id: z.string(),
  appId: z.string(),
  cluster: z.string(),
  user: z.string(),
  jobId: z.string(),
  createdAt: z.date(),
  /** Directory holding the session's files (connection file, logs). */
  directory: z.string(),
  connection: z.object({ host: z.string(), port: z.number().int(), secret: z.string() }).optional(),
});

/** An interactive app definition. @experimental */
export type App = z.output<typeof AppSchema>;
/** A form field of an app. @experimental */
export type AppAttribute = z.output<typeof AppAttributeSchema>;
/** An app session. @experimental */
export type AppSession = z.output<typeof AppSessionSchema>;
