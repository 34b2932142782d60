import { describe, expect, it } from 'vitest';
import { jobSpecJsonSchema } from './json-schema.js';

describe('jobSpecJsonSchema', () => {
  const schema = jobSpecJsonSchema();

  it('describes every field a submission form needs, with descriptions and defaults', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'name',
        'command',
        'script',
        'account',
        'partition',
        'qos',
        'nodes',
        'coresPerNode',
        'gpusPerNode',
        'memory',
        'timeLimit',
        'workingDirectory',
        'stdout',
        'stderr',
        'environment',
        'dependencies',
        'array',
        'hold',
        'directives',
      ]),
    );
    expect(schema.properties.nodes).toMatchObject({ type: 'integer', default: 1 });
    expect(schema.properties.partition).toMatchObject({ type: 'string', pattern: expect.any(String) });
    expect((schema.properties.memory as { properties: object }).properties).toHaveProperty('perCore');
    expect(JSON.stringify(schema.properties.timeLimit)).toContain('"type":"string"');
    for (const [name, property] of Object.entries(schema.properties)) {
      expect((property as { description?: string }).description ?? '', `${name} has a description`).not.toBe(
        '',
      );
    }
  });

  it('is plain JSON (no functions, no undefined)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
