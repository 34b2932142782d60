import type { App, AppAttribute } from '@hpckit/core';

/**
 * JSON Schema of an app's form, for a portal to render it (react-jsonschema-form, JSON Forms…):
 * titles, defaults, bounds (`integer` for whole-number attributes), selects as `oneOf` of
 * `{ const, title }`, and `x-requires-gpu` on GPU options. `required` lists the required
 * attributes without a default.
 *
 * @example
 * ```ts
 * const schema = formJsonSchema(jupyterLab);
 * // { type: 'object', properties: { partition: { type: 'string', default: 'cpu', oneOf: [
 * //   { const: 'cpu', title: 'CPU nodes' }, { const: 'gpu', title: 'GPU nodes (one GPU)', 'x-requires-gpu': true }, …
 * // ] }, cores: { type: 'integer', minimum: 1, … }, … }, required: [] }
 * ```
 */
export function formJsonSchema(app: App): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const attr of app.attributes) properties[attr.name] = propertyOf(attr);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: app.name,
    type: 'object',
    properties,
    required: app.attributes.filter((a) => a.required && a.defaultValue === undefined).map((a) => a.name),
    additionalProperties: false,
  };
}

function propertyOf(attr: AppAttribute): Record<string, unknown> {
  const base: Record<string, unknown> = { title: attr.label ?? attr.name };
  if (attr.help) base.description = attr.help;
  if (attr.defaultValue !== undefined) base.default = attr.defaultValue;
  if (attr.type === 'number') {
    return {
      ...base,
      type: attr.integer ? 'integer' : 'number',
      ...(attr.min !== undefined && { minimum: attr.min }),
      ...(attr.max !== undefined && { maximum: attr.max }),
    };
  }
  if (attr.type === 'select') {
    const options = attr.options ?? [];
    return {
      ...base,
      type: 'string',
      oneOf: options.map((o) => ({
        const: o.value,
        title: o.label ?? o.value,
        ...(o.requiresGpu && { 'x-requires-gpu': true }),
      })),
    };
  }
  return { ...base, type: 'string' };
}
