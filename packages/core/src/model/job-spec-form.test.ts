import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHpckitError } from '../errors/hpckit-error.js';
import { formatError } from '../errors/format.js';
import { jobSpecFormFields, jobSpecFromForm } from './job-spec-form.js';
import { MAX_RESOURCE_COUNT } from './resource-count.js';

const issuesOf = (values: Record<string, string>) => {
  try {
    jobSpecFromForm(values);
  } catch (err) {
    if (isHpckitError(err, 'VALIDATION')) return err;
  }
  throw new Error('expected a validation error');
};

describe('jobSpecFormFields', () => {
  const byName = new Map(jobSpecFormFields().map((f) => [f.name, f]));

  it('derives each field kind from the JSON Schema', () => {
    expect(byName.get('coresPerNode')).toMatchObject({ input: 'integer', min: 1, max: MAX_RESOURCE_COUNT });
    expect(byName.get('gpusPerNode')).toMatchObject({ input: 'integer', min: 0 });
    expect(byName.get('command')?.input).toBe('textarea');
    expect(byName.get('name')).toMatchObject({ input: 'text', maxLength: 200 });
    expect(byName.get('timeLimit')?.input).toBe('text');
    expect(byName.get('hold')?.input).toBe('checkbox');
    expect(byName.get('memory.perNode')?.input).toBe('text');
  });

  it('labels and describes every field in English and Chinese', () => {
    for (const field of jobSpecFormFields()) {
      expect(field.label.en, field.name).not.toBe(field.name);
      for (const text of [field.label['zh-CN'], field.description['zh-CN']])
        expect(text, field.name).toMatch(/[\u4e00-\u9fff]|^QoS$/);
    }
    expect(byName.get('coresPerNode')?.label).toEqual({ en: 'Cores per node', 'zh-CN': '每节点核数' });
    expect(byName.get('coresPerNode')?.description.en).toMatch(/^CPU cores per node/);
  });

  it('leaves out what one form value cannot hold', () => {
    for (const name of ['environment', 'directives', 'dependencies', 'memory'])
      expect(byName.has(name)).toBe(false);
  });
});

describe('jobSpecFromForm', () => {
  it('drops blank fields, makes numbers and nests dotted names', () => {
    expect(
      jobSpecFromForm({
        name: ' relax ',
        coresPerNode: '16',
        nodes: '',
        timeLimit: '2h',
        'memory.perNode': '64G',
        hold: 'on',
        command: 'python relax.py\n',
      }),
    ).toEqual({
      name: 'relax',
      coresPerNode: 16,
      timeLimit: '2h',
      memory: { perNode: '64G' },
      hold: true,
      command: 'python relax.py\n',
    });
  });

  it('names the field of each mistake, in both languages', () => {
    const err = issuesOf({ command: 'x', coresPerNode: 'lots', gpusPerNode: '-1', colour: 'red' });
    const paths = err.details.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['', 'coresPerNode', 'gpusPerNode'].sort());
    expect(JSON.stringify(err.details.issues)).toContain('colour');
    expect(formatError(err, { locale: 'zh-CN' })).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a value that is not text', () => {
    expect(() => jobSpecFromForm({ coresPerNode: 4 } as never)).toThrow(/coresPerNode/);
  });

  it('reads back every whole number within bounds (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_RESOURCE_COUNT }), fc.string(), (n, pad) => {
        const spaces = pad.replace(/\S/g, '').slice(0, 3);
        const spec = jobSpecFromForm({ command: 'true', coresPerNode: `${spaces}${n}${spaces}` });
        expect(spec.coresPerNode).toBe(n);
      }),
    );
  });
});
