import { describe, expect, it } from 'vitest';
import { defineApp } from '../definition/app-definition.js';
import { jupyterNotebook, webServer } from '../definition/builtin-apps.js';
import { formRequiresGpu, validateForm } from './form-values.js';
import { sessionJobSpec } from './session-job-spec.js';

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
    const app = defineApp({
      id: 'x',
      name: 'X',
      kind: 'web',
      script: 'true',
      connect: { path: '/' },
      attributes: [{ name: 'dir', type: 'text' }],
    });
    expect(issuesOf(() => validateForm(app, {}))[0]?.message).toMatch(/required/);
    expect(issuesOf(() => validateForm(app, { dir: 'a\nb' }))[0]?.message).toMatch(/one line/);
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
      timeLimit: 7200,
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
