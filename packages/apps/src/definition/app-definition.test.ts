import { describe, expect, it } from 'vitest';
import { formJsonSchema } from '../form/form-json-schema.js';
import { appDefinitionJsonSchema, defineApp } from './app-definition.js';
import { createAppRegistry } from './app-registry.js';
import { BUILTIN_APPS, jupyterNotebook } from './builtin-apps.js';

const minimal = {
  id: 'my-app',
  name: 'Mine',
  kind: 'web',
  script: 'exec my-server',
  connect: { path: '/' },
} as const;

describe('defineApp', () => {
  it('fills defaults', () => {
    const app = defineApp(minimal);
    expect(app.attributes).toEqual([]);
    expect(app.timeLimit).toBe(3600);
    expect(app.connect).toMatchObject({ method: 'GET', readyPath: '/' });
  });

  it('reports every problem with its path', () => {
    const err = (() => {
      try {
        defineApp({
          ...minimal,
          id: 'Bad Id',
          attributes: [
            { name: 'p', type: 'select' },
            { name: 'n', type: 'number', defaultValue: 'two' },
          ],
        });
      } catch (e) {
        return e as { code: string; details: { issues: { path: (string | number)[] }[] } };
      }
    })();
    expect(err?.code).toBe('VALIDATION');
    const paths = err?.details.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['app.id', 'app.attributes.0.options', 'app.attributes.1.defaultValue']),
    );
  });

  it('refuses a select default that is not an option', () => {
    expect(() =>
      defineApp({
        ...minimal,
        attributes: [{ name: 'p', type: 'select', defaultValue: 'x', options: [{ value: 'y' }] }],
      }),
    ).toThrow(/"x" is not one of the options/);
  });
});

describe('JSON Schemas', () => {
  it('exports the definition schema with its fields', () => {
    const schema = appDefinitionJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['id', 'kind', 'attributes', 'script', 'connect']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'script', 'connect']));
  });

  it("renders an app's form with defaults, bounds and GPU options", () => {
    const schema = formJsonSchema(jupyterNotebook) as {
      properties: Record<string, { default?: unknown; minimum?: number; oneOf?: Record<string, unknown>[] }>;
      required: string[];
    };
    expect(schema.properties.hours).toMatchObject({ type: 'number', default: 1, minimum: 1, maximum: 48 });
    const gpu = schema.properties.partition?.oneOf?.find((o) => o.const === 'gpu');
    expect(gpu).toMatchObject({ 'x-requires-gpu': true });
    expect(schema.properties.partition?.oneOf?.find((o) => o.const === 'cpu')).not.toHaveProperty(
      'x-requires-gpu',
    );
    // Fields with defaults or optional ones are not required.
    expect(schema.required).toEqual([]);
  });
});

describe('registry', () => {
  it('starts with the built-ins and adds users’ apps', () => {
    const registry = createAppRegistry();
    expect(registry.list().map((a) => a.id)).toEqual(BUILTIN_APPS.map((a) => a.id));
    registry.add(minimal);
    expect(registry.get('my-app').name).toBe('Mine');
    expect(() => registry.add(minimal)).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    registry.add({ ...minimal, name: 'Mine 2' }, { replace: true });
    expect(registry.get('my-app').name).toBe('Mine 2');
  });

  it('names the known apps when one is missing', () => {
    expect(() => createAppRegistry().get('rstudio')).toThrow(/no app "rstudio".*jupyter-notebook/);
  });
});
