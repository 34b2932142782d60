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
    expect(app.timeLimit).toEqual({ seconds: 3600 });
    expect(app.connect).toMatchObject({ method: 'GET', readyPath: '/' });
    // The range the session script has always drawn from.
    expect(app.portRange).toEqual({ min: 20_000, max: 59_999 });
  });

  it.each([
    [{ min: 22, max: 30_000 }, 'app.portRange.min', /at least 1024/],
    [{ min: 30_000, max: 70_000 }, 'app.portRange.max', /at most 65535/],
    [{ min: 40_000, max: 30_000 }, 'app.portRange.max', /max \(30000\) is below min \(40000\)/],
    [{ min: 30_000.5, max: 40_000 }, 'app.portRange.min', /whole number/],
    [{ min: 30_000 }, 'app.portRange.max', /number/],
  ])('refuses the port range %j', (portRange, path, message) => {
    const err = (() => {
      try {
        defineApp({ ...minimal, portRange } as never);
      } catch (e) {
        return e as { code: string; details: { issues: { path: (string | number)[]; message: string }[] } };
      }
    })();
    expect(err?.code).toBe('VALIDATION');
    expect(err?.details.issues).toEqual([
      expect.objectContaining({ path: path.split('.'), message: expect.stringMatching(message) }),
    ]);
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

describe('defineApp: attributes that could not work', () => {
  const issues = (attributes: unknown[]) => {
    try {
      defineApp({ ...minimal, attributes } as never);
    } catch (e) {
      return (
        e as { details: { issues: { path: (string | number)[]; message: string }[] } }
      ).details.issues.map((i) => [i.path.join('.'), i.message]);
    }
    throw new Error('expected a validation error');
  };

  it('refuses names that differ only in case, at the second one', () => {
    expect(
      issues([
        { name: 'dir', type: 'text' },
        { name: 'other', type: 'text' },
        { name: 'DIR', type: 'text' },
      ]),
    ).toEqual([
      [
        'app.attributes.2.name',
        'the attribute name "DIR" is already used by "dir" (names are compared ignoring case): rename one',
      ],
    ]);
    expect(
      issues([
        { name: 'a', type: 'text' },
        { name: 'a', type: 'number' },
      ])[0]?.[0],
    ).toBe('app.attributes.1.name');
  });

  it('refuses a default outside min and max, and max below min', () => {
    expect(issues([{ name: 'h', type: 'number', defaultValue: 0, min: 1, max: 8 }])).toEqual([
      ['app.attributes.0.defaultValue', expect.stringMatching(/default 0 is outside the bounds 1…8/)],
    ]);
    expect(issues([{ name: 'h', type: 'number', defaultValue: 9, max: 8 }])[0]?.[1]).toMatch(
      /default 9 is outside the bounds -∞…8/,
    );
    expect(issues([{ name: 'h', type: 'number', min: 4, max: 2 }])).toEqual([
      ['app.attributes.0.max', 'max (2) is below min (4)'],
    ]);
  });

  it('refuses what the job fields coresPerNode and gpusPerNode cannot take', () => {
    expect(issues([{ name: 'c', type: 'number', defaultValue: 1.5, target: 'coresPerNode' }])).toEqual([
      ['app.attributes.0.defaultValue', 'the default 1.5 is not a whole number, which "coresPerNode" needs'],
    ]);
    expect(issues([{ name: 'g', type: 'number', integer: false, target: 'gpusPerNode' }])[0]?.[0]).toBe(
      'app.attributes.0.integer',
    );
    expect(issues([{ name: 'g', type: 'text', target: 'gpusPerNode' }])[0]?.[0]).toBe(
      'app.attributes.0.type',
    );
    expect(
      issues([
        { name: 'g', type: 'select', target: 'gpusPerNode', options: [{ value: '1' }, { value: 'two' }] },
      ]),
    ).toEqual([['app.attributes.0.options.1.value', '"gpusPerNode" takes a whole number, not "two"']]);
    expect(issues([{ name: 't', type: 'text', integer: true }])[0]?.[0]).toBe('app.attributes.0.integer');
  });

  it('marks number attributes of those fields integer by default', () => {
    const app = defineApp({
      ...minimal,
      attributes: [
        { name: 'c', type: 'number', target: 'coresPerNode' },
        { name: 'h', type: 'number', target: 'timeLimit' },
      ],
    });
    expect(app.attributes.map((a) => a.integer)).toEqual([true, false]);
  });

  it('registers an app defined with select and text attributes as it is (defining is idempotent)', () => {
    const app = defineApp({
      ...minimal,
      attributes: [
        { name: 'p', type: 'select', defaultValue: 'cpu', target: 'partition', options: [{ value: 'cpu' }] },
        { name: 'd', type: 'text', defaultValue: 'runs' },
      ],
    });
    expect(defineApp(app)).toEqual(app);
    expect(createAppRegistry({ apps: [app] }).get('my-app')).toEqual(app);
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
    expect(() => createAppRegistry().get('rstudio')).toThrow(/No app "rstudio".*jupyter-notebook/);
  });
});
