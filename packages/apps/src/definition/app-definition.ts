import { appRules } from '../errors/app-rules.js';
import { type App, type AppInput, AppSchema, parseInput } from '@hpckit/core';
import { z } from 'zod';

/**
 * Validates an app definition and fills its defaults.
 *
 * @throws `VALIDATION` naming every problem with its path (`app.attributes.0.options`).
 * @example
 * ```ts
 * const rstudio = defineApp({
 *   id: 'rstudio', name: 'RStudio Server', kind: 'web',
 *   script: 'exec rserver --www-port "$HPCKIT_PORT" --auth-none 0',
 *   connect: { path: '/' },
 * });
 * ```
 */
export function defineApp(input: AppInput): App {
  return parseInput(AppSchema, input, appRules.subject('app_definition'), ['app']);
}

/** JSON Schema of an app definition, for tools that edit apps as JSON. */
export function appDefinitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(AppSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
