import type { AppInput } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { defineApp } from '../definition/app-definition.js';
import { jupyterNotebook, webServer } from '../definition/builtin-apps.js';
import { formJsonSchema } from './form-json-schema.js';
import { formRequiresGpu, validateForm } from './form-values.js';
import { sessionJobSpec } from './session-job-spec.js';

/** A minimal app with these form attributes. */
const appWith = (attributes: AppInput['attributes']) =>
  defineApp({ id: 'x', name: 'X', kind: 'web', script: 'true', connect: { path: '/' }, attributes });

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { details: { issues: { path: unknown[]; message: string }[] } }).details.issues;
  }
  throw new Error('expected a validation error');
};

describe('validateForm', () => {
  it('fills defaults and coerces numbers from text', () => {
    expect(validateForm(jupyterNotebook, { hours: '3' })).toEqual({ partition: 'cpu', hours: 3, cores: 2 });
  });

  it('reports every bad field at once', () => {
    const issues = issuesOf(() =>
      validateForm(jupyterNotebook, { partition: 'huge', hours: 100, cores: 'many', colour: 'red' }),
    );
    const byField = Object.fromEntries(issues.map((i) => [String(i.path[1]), i.message]));
    expect(byField.partition).toMatch(/"huge" is not one of "cpu", "gpu", "fat"/);
    expect(byField.hours).toMatch(/at most 48/);
    expect(byField.cores).toMatch(/must be a number/);
    expect(byField.colour).toMatch(/not a field of app "jupyter-notebook"/);
  });

  it('requires required fields without defaults, and refuses multi-line text', () => {
    const app = appWith([{ name: 'dir', type: 'text' }]);
    expect(issuesOf(() => validateForm(app, {}))[0]?.message).toMatch(/required/);
    expect(issuesOf(() => validateForm(app, { dir: 'a\nb' }))[0]?.message).toMatch(/one line/);
  });
});

describe('validateForm: blank values', () => {
  const app = appWith([
    { name: 'hours', type: 'number', defaultValue: 1, min: 1, max: 8, target: 'timeLimit' },
    { name: 'note', type: 'text', defaultValue: 'none' },
    { name: 'dir', type: 'text' },
    { name: 'tag', type: 'text', required: false },
  ]);

  it('uses the default for an empty or whitespace-only field that has one', () => {
    for (const blank of ['', '   ', '\t', null]) {
      expect(validateForm(app, { hours: blank, note: blank, dir: 'runs' })).toEqual({
        hours: 1,
        note: 'none',
        dir: 'runs',
      });
    }
  });

  it('still requires a required field without a default, and leaves out a blank optional one', () => {
    const issues = issuesOf(() => validateForm(app, { dir: '  ', tag: '' }));
    expect(issues).toEqual([
      expect.objectContaining({ path: ['form', 'dir'], message: '"dir" is required' }),
    ]);
    expect(validateForm(app, { dir: 'runs', tag: ' ' })).toEqual({ hours: 1, note: 'none', dir: 'runs' });
  });

  it('agrees with the JSON Schema on what is required', () => {
    expect(formJsonSchema(app).required).toEqual(['dir']);
  });
});

describe('validateForm: whole numbers', () => {
  it('refuses a fraction for the cores of the job, at form.<name>', () => {
    const issues = issuesOf(() => validateForm(jupyterNotebook, { cores: 2.5, hours: 1.5 }));
    expect(issues).toEqual([
      {
        path: ['form', 'cores'],
        code: 'custom',
        message: "must be a whole number (it sets the job's coresPerNode), got 2.5",
        facts: { rule: 'apps.field_not_whole', text: 'coresPerNode', value: '2.5' },
      },
    ]);
    expect(issuesOf(() => validateForm(jupyterNotebook, { cores: '4.0001' }))[0]?.path).toEqual([
      'form',
      'cores',
    ]);
    expect(validateForm(jupyterNotebook, { cores: '4' }).cores).toBe(4);
  });

  it('refuses fractions for an attribute marked integer, whatever its target', () => {
    const app = appWith([
      { name: 'workers', type: 'number', integer: true },
      { name: 'ratio', type: 'number' },
    ]);
    expect(issuesOf(() => validateForm(app, { workers: 1.5, ratio: 1.5 })).map((i) => i.path)).toEqual([
      ['form', 'workers'],
    ]);
  });

  it('renders whole-number attributes as JSON Schema integers', () => {
    const props = formJsonSchema(jupyterNotebook).properties as Record<string, { type: string }>;
    expect(props.cores?.type).toBe('integer');
    expect(props.hours?.type).toBe('number');
  });
});

describe('sessionJobSpec', () => {
  it('asks for a GPU when a GPU option is chosen, and maps targets', () => {
    const values = validateForm(jupyterNotebook, { partition: 'gpu', hours: 2, cores: 4, account: 'ai4ec' });
    expect(formRequiresGpu(jupyterNotebook, values)).toBe(true);
    const spec = sessionJobSpec(jupyterNotebook, 's1', '/home/a/.hpckit/apps/jupyter-notebook/s1', values);
    expect(spec).toMatchObject({
      partition: 'gpu',
      gpusPerNode: 1,
      timeLimit: { seconds: 7200 },
      coresPerNode: 4,
      account: 'ai4ec',
      name: 'hpckit-app-jupyter-notebook',
      comment: 'hpckit-session=s1',
      workingDirectory: '/home/a/.hpckit/apps/jupyter-notebook/s1',
      stdout: '/home/a/.hpckit/apps/jupyter-notebook/s1/output.log',
    });
  });

  it('asks for no GPU on the CPU partition', () => {
    const spec = sessionJobSpec(jupyterNotebook, 's1', '/h/s1', validateForm(jupyterNotebook, {}));
    expect(spec.gpusPerNode).toBeUndefined();
  });

  it('passes other fields to the script as quoted variables only', () => {
    const values = validateForm(webServer, { command: `echo "$HPCKIT_PORT"; echo it's` });
    const spec = sessionJobSpec(webServer, 's1', '/h/s1', values);
    expect(spec.script).toContain(`export HPCKIT_FORM_COMMAND='echo "$HPCKIT_PORT"; echo it'\\''s'`);
  });
});
