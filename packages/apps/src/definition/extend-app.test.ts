import { formatError, type HpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { defineApp } from './app-definition.js';
import { jupyterLab } from './builtin-apps.js';
import { extendApp } from './extend-app.js';

function refusal(f: () => unknown): HpckitError {
  try {
    f();
  } catch (err) {
    return err as HpckitError;
  }
  throw new Error('expected a refusal');
}

describe('extendApp', () => {
  it('changes an attribute by name in place, adds new ones at the end, removes by name', () => {
    const app = extendApp(jupyterLab, {
      id: 'lab-plus',
      attributes: [
        { name: 'cores', max: 128, defaultValue: 4 },
        { name: 'module', type: 'text', required: false },
      ],
      removeAttributes: ['account'],
    });
    expect(app.attributes.map((a) => a.name)).toEqual(['partition', 'hours', 'cores', 'module']);
    const cores = app.attributes.find((a) => a.name === 'cores');
    expect(cores).toMatchObject({ max: 128, defaultValue: 4, min: 1, target: 'coresPerNode', integer: true });
    // The base is untouched, and the result is plain data that defines the same app again.
    expect(jupyterLab.attributes.find((a) => a.name === 'cores')?.max).toBe(64);
    expect(defineApp(app)).toEqual(app);
    expect(JSON.parse(JSON.stringify(app))).toEqual(app);
  });

  it('keeps the base fields not given, merges connect and directives, and puts the prelude first', () => {
    const app = extendApp(jupyterLab, {
      id: 'lab-gpu',
      name: 'JupyterLab on GPUs',
      directives: { exclusive: true },
      connect: { path: '/lab/tree' },
      scriptPrelude: 'module load cuda',
      timeLimit: '8h',
    });
    expect(app).toMatchObject({ id: 'lab-gpu', kind: 'web', description: jupyterLab.description });
    expect(app.connect).toEqual({ ...jupyterLab.connect, path: '/lab/tree' });
    expect(app.directives).toEqual({ exclusive: true });
    expect(app.timeLimit).toEqual({ seconds: 8 * 3600 });
    expect(app.script).toBe(`module load cuda\n${jupyterLab.script}`);
    expect(extendApp(jupyterLab, { id: 'x', script: 'exec my-lab' }).script).toBe('exec my-lab');
  });

  it('refuses an attribute to remove that the base lacks, naming the ones it has, in English and Chinese', () => {
    const err = refusal(() => extendApp(jupyterLab, { id: 'x', removeAttributes: ['gpus'] }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain(
      'at "extension.removeAttributes.0": "gpus" is not an attribute of the base app (its attributes: partition, account, hours, cores)',
    );
    expect(formatError(err, { locale: 'zh-CN' })).toContain('“gpus”不是基础应用的属性');
  });

  it('refuses a bad extension at extension.… and an app it would make invalid at app.…', () => {
    expect(refusal(() => extendApp(jupyterLab, { id: 'x', scriptPrelude: '  ' })).message).toMatch(
      /at "extension.scriptPrelude": must not be empty/,
    );
    expect(refusal(() => extendApp(jupyterLab, { id: 'x', colour: 'red' } as never)).message).toMatch(
      /extension.*colour/,
    );
    // A change that breaks the base attribute's own rules: a default above the new max.
    expect(
      refusal(() => extendApp(jupyterLab, { id: 'x', attributes: [{ name: 'cores', max: 1 }] })).message,
    ).toMatch(/at "app.attributes.3.defaultValue": the default 2 is outside the bounds 1…1/);
    expect(refusal(() => extendApp(jupyterLab, { id: 'Not An Id' })).message).toMatch(/at "app.id"/);
    // A new attribute must be whole.
    expect(refusal(() => extendApp(jupyterLab, { id: 'x', attributes: [{ name: 'env' }] })).message).toMatch(
      /app.attributes.4.type/,
    );
  });
});
