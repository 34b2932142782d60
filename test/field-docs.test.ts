/**
 * The readable interfaces of the API reference say what their schemas say. For each interface
 * that documents a zod schema: it names exactly the schema's fields, every field has a TSDoc
 * summary, a field's summary is the schema's `.describe()` text where the schema has one (that
 * text reaches the JSON Schema of portal forms, the summary the API reference and editor hovers),
 * and a field the schema defaults says its default with `@defaultValue`. That the types agree is
 * checked by `readable-types.test-d.ts` (tsc).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AccountMemberSchema,
  ArraySpecSchema,
  ChargeSchema,
  ClientOptionsSchema,
  ClusterOptionsSchema,
  JobDependencySchema,
  JobQuerySchema,
  JobReferenceSchema,
  JobSchema,
  JobSpecSchema,
  JobStateSchema,
  jobSpecJsonSchema,
  MemoryRequestSchema,
  PaymentSchema,
  PollingOptionsSchema,
  ResourceCountsSchema,
  SchedulerAccountSchema,
  UserSchema,
} from '@hpckit/core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** What these checks read of a zod schema (zod itself is the packages' dependency, not the root's). */
interface Schema {
  _zod: { def: unknown };
  description?: string;
  meta(): unknown;
}

interface Documented {
  /** The interface, as `file#Name` under `packages/`. */
  where: string;
  schema: Schema;
  /**
   * `input`: the interface is what callers write, so its summaries are the schema's descriptions.
   * `output`: what parsing returns; its fields may be normalised (seconds, MiB), so only the names
   * and the presence of docs are checked.
   */
  side: 'input' | 'output';
}

// `JobQuery` is `JobQueryInput` with `offset` required (it extends it), so its docs are those checked here.
const DOCUMENTED: Documented[] = [
  { where: 'core/src/model/job-spec-types.ts#JobSpecInput', schema: JobSpecSchema, side: 'input' },
  { where: 'core/src/model/job-spec-types.ts#JobSpec', schema: JobSpecSchema, side: 'output' },
  {
    where: 'core/src/model/job-spec-types.ts#MemoryRequestInput',
    schema: MemoryRequestSchema,
    side: 'input',
  },
  { where: 'core/src/model/job-spec-types.ts#ArraySpecInput', schema: ArraySpecSchema, side: 'input' },
  { where: 'core/src/model/job-spec-types.ts#JobDependency', schema: JobDependencySchema, side: 'input' },
  { where: 'core/src/model/job.ts#Job', schema: JobSchema, side: 'output' },
  { where: 'core/src/model/job.ts#ResourceCounts', schema: ResourceCountsSchema, side: 'output' },
  { where: 'core/src/model/job-state.ts#JobState', schema: JobStateSchema, side: 'output' },
  { where: 'core/src/model/job-query.ts#JobQueryInput', schema: JobQuerySchema, side: 'input' },
  { where: 'core/src/model/job-query.ts#TimeRange', schema: JobQuerySchema.shape.submitTime, side: 'input' },
  { where: 'core/src/model/account.ts#AccountMember', schema: AccountMemberSchema, side: 'output' },
  { where: 'core/src/model/account.ts#SchedulerAccount', schema: SchedulerAccountSchema, side: 'output' },
  { where: 'core/src/model/account.ts#User', schema: UserSchema, side: 'output' },
  { where: 'core/src/model/ledger-entries.ts#Charge', schema: ChargeSchema, side: 'output' },
  { where: 'core/src/model/ledger-entries.ts#Payment', schema: PaymentSchema, side: 'output' },
  { where: 'core/src/model/ledger-entries.ts#JobReference', schema: JobReferenceSchema, side: 'output' },
  { where: 'core/src/client/options.ts#ClientOptions', schema: ClientOptionsSchema, side: 'input' },
  { where: 'core/src/client/options.ts#ClusterOptions', schema: ClusterOptionsSchema, side: 'input' },
  { where: 'core/src/watch/backoff.ts#PollingOptionsInput', schema: PollingOptionsSchema, side: 'input' },
];

interface FieldDoc {
  summary: string;
  defaultValue?: string;
}

/** The TSDoc of each property of an interface, read by the TypeScript compiler. */
function interfaceDocs(where: string): Map<string, FieldDoc> {
  const [file = '', name] = where.split('#');
  const path = join(root, 'packages', file);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (declaration === undefined) throw new Error(`${where}: no such interface`);
  const docs = new Map<string, FieldDoc>();
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member)) continue;
    const jsDoc = member.getChildren().filter(ts.isJSDoc).at(-1);
    const text = ts.getTextOfJSDocComment(jsDoc?.comment) ?? '';
    const defaultTag = jsDoc?.tags?.find((t) => t.tagName.text === 'defaultValue');
    docs.set(member.name.getText(source), {
      summary: normalise(text.split(/\n\s*\n/)[0] ?? ''),
      defaultValue:
        defaultTag === undefined ? undefined : normalise(ts.getTextOfJSDocComment(defaultTag.comment) ?? ''),
    });
  }
  return docs;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The object schema under pipes, refinements and wrappers (the object branch of a union). */
function objectOf(schema: Schema): { shape: Record<string, Schema> } {
  const def = schema._zod.def as Record<string, unknown> & { type: string };
  if (def.type === 'object') return schema as unknown as { shape: Record<string, Schema> };
  if (def.type === 'pipe') return objectOf(def.in as Schema);
  if (def.type === 'optional') return objectOf(def.innerType as Schema);
  if (def.type === 'union') {
    const object = (def.options as Schema[]).find((o) => (o._zod.def as { type: string }).type === 'object');
    if (object !== undefined) return objectOf(object);
  }
  throw new Error(`no object schema inside a ${def.type}`);
}

/** The default a field's schema fills in (zod's `.default()`) or declares (`.meta({ default })`). */
function defaultOf(field: Schema): unknown {
  const def = field._zod.def as { type: string; defaultValue?: unknown };
  if (def.type === 'default') return def.defaultValue;
  return (field.meta() as { default?: unknown } | undefined)?.default;
}

describe.each(DOCUMENTED)('$where documents its schema', ({ where, schema, side }) => {
  const docs = interfaceDocs(where);
  const { shape } = objectOf(schema);

  it('names exactly the schema fields', () => {
    expect([...docs.keys()].sort()).toEqual(Object.keys(shape).sort());
  });

  it('has a summary on every field', () => {
    const undocumented = [...docs].filter(([, doc]) => doc.summary === '').map(([field]) => field);
    expect(undocumented).toEqual([]);
  });

  it.skipIf(side === 'output')("says each field's schema description as its summary", () => {
    const described = Object.entries(shape).filter(([, field]) => field.description !== undefined);
    for (const [field, fieldSchema] of described) {
      expect(docs.get(field)?.summary, `${where}.${field}`).toBe(normalise(fieldSchema.description ?? ''));
    }
  });

  it.skipIf(side === 'output')('states each default the schema has', () => {
    for (const [field, fieldSchema] of Object.entries(shape)) {
      const value = defaultOf(fieldSchema);
      if (value === undefined) continue;
      expect(docs.get(field)?.defaultValue, `${where}.${field}`).toBe(JSON.stringify(value));
    }
  });
});

describe('the JSON Schema of portal forms', () => {
  it('describes each job spec field with the summary an editor shows', () => {
    const docs = interfaceDocs('core/src/model/job-spec-types.ts#JobSpecInput');
    const properties = jobSpecJsonSchema().properties as Record<string, { description?: string }>;
    expect(Object.keys(properties).sort()).toEqual([...docs.keys()].sort());
    for (const [field, property] of Object.entries(properties)) {
      expect(normalise(property.description ?? ''), field).toBe(docs.get(field)?.summary);
    }
  });
});
