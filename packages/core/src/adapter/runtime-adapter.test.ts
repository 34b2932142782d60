import { describe, expect, it } from 'vitest';
import { fakeAdapter } from '../../test/fake-adapter.js';
import { formatError } from '../errors/format.js';
import { isHpckitError, SchedulerUnavailableError } from '../errors/hpckit-error.js';
import { operationSamples } from '../testing/operation-samples.js';
import { CAPABILITY_KEYS } from './capabilities.js';
import { defineSchedulerAdapter } from './define-adapter.js';
import type { AdapterOperation } from './operation-types.js';
import {
  ADAPTER_OPERATION_PATHS,
  ADAPTER_OPERATIONS,
  type AdapterOperationSpec,
  operationOf,
} from './operations.js';
import { createRuntimeAdapter, type RuntimeAdapter } from './runtime-adapter.js';
import type { SchedulerAdapter, SubmitContext } from './scheduler-adapter.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const samples = operationSamples({ command: 'x' });
const capabilityOf = (path: AdapterOperation) =>
  (ADAPTER_OPERATIONS[path] as AdapterOperationSpec).capability;
/** Calls the runtime's operation at `path` with its sample input, `ctx` in the context's place. */
function call(rt: RuntimeAdapter, path: AdapterOperation, ctx?: object): Promise<unknown> {
  const args: unknown[] = [...samples[path]];
  args[(ADAPTER_OPERATIONS[path] as AdapterOperationSpec).input.length] = ctx;
  return (operationOf(rt, path) as (...args: unknown[]) => Promise<unknown>)(...args);
}

/** An adapter declaring `capabilities` whose every operation runs `method` (with its path). */
function adapterOfAll(
  capabilities: Record<string, boolean>,
  method: (path: AdapterOperation, args: unknown[]) => Promise<unknown>,
): SchedulerAdapter {
  const adapter: Record<string, unknown> = { name: 'all', capabilities };
  for (const path of ADAPTER_OPERATION_PATHS) {
    const [group, name] = path.split('.') as [string, string | undefined];
    const fn = (...args: unknown[]) => method(path, args);
    if (name === undefined) adapter[group] = fn;
    else adapter[group] = { ...(adapter[group] as object), [name]: fn };
  }
  return adapter as unknown as SchedulerAdapter;
}

describe('createRuntimeAdapter', () => {
  it('has every operation of the table, handing the adapter the parsed inputs and the context', async () => {
    const all = Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, true]));
    const seen: [AdapterOperation, unknown[]][] = [];
    const rt = createRuntimeAdapter(
      adapterOfAll(all, async (path, args) => {
        seen.push([path, args]);
        // A batch answers one outcome per job; the runtime checks that it did.
        return path === 'jobs.submitMany' ? [{ status: 'skipped' }] : path;
      }),
    );
    const ctx = { user: 'alice' };
    for (const path of ADAPTER_OPERATION_PATHS) {
      const answer = await call(rt, path, ctx);
      if (path === 'jobs.submitMany') expect(answer).toEqual([{ status: 'skipped' }]);
      else expect(answer).toBe(path);
    }
    expect(seen.map(([path]) => path)).toEqual(ADAPTER_OPERATION_PATHS);
    for (const [path, args] of seen) expect(args.at(-1), path).toBe(ctx);
    expect(Object.fromEntries(seen)).toMatchObject({
      'jobs.list': [{ offset: 0 }, ctx],
      'jobs.updateTimeLimit': ['1', { set: 60 }, ctx],
      'accounts.list': [{}, ctx],
      'config.cluster': [ctx],
      version: [ctx],
    });
  });

  it('retries a batch job whose answer was lost alone, with its own key, never fresh', async () => {
    const all = Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, true]));
    const submits: SubmitContext[] = [];
    const rt = createRuntimeAdapter(
      adapterOfAll(all, async (path, args) => {
        if (path === 'jobs.submitMany') {
          const lost = new SchedulerUnavailableError({ details: {} });
          return [
            { status: 'submitted', result: 'first' },
            { status: 'failed', error: lost },
          ];
        }
        submits.push(args.at(-1) as SubmitContext);
        return 'found';
      }),
      { retry: { retries: 2, baseDelayMs: 1 } },
    );
    const outcomes = await rt.jobs.submitMany([
      { spec: { command: 'a' } },
      { spec: { command: 'b' }, idempotencyKey: 'sweep-b' },
    ]);
    expect(outcomes).toEqual([
      { status: 'submitted', result: 'first' },
      { status: 'submitted', result: 'found' },
    ]);
    expect(submits).toEqual([expect.objectContaining({ idempotencyKey: 'sweep-b', freshKey: false })]);
  });

  it('retries exactly the operations the table marks idempotent', async () => {
    const all = Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, true]));
    for (const path of ADAPTER_OPERATION_PATHS) {
      let attempts = 0;
      const rt = createRuntimeAdapter(
        adapterOfAll(all, async () => {
          if (attempts++ === 0) throw new SchedulerUnavailableError({ details: {} });
          return 'ok';
        }),
        { retry: { retries: 2, baseDelayMs: 1 } },
      );
      const outcome = await call(rt, path).catch((err: unknown) => err);
      const { idempotent } = ADAPTER_OPERATIONS[path] as AdapterOperationSpec;
      if (path === 'jobs.submitMany') {
        // Never the batch again: each job of it alone, through the keyed single submit.
        expect(attempts).toBe(2);
        expect(outcome).toEqual([{ status: 'submitted', result: 'ok' }]);
        continue;
      }
      expect([path, attempts], path).toEqual([path, idempotent ? 2 : 1]);
      if (idempotent) expect(outcome).toBe('ok');
      else expect(isHpckitError(outcome, 'SCHEDULER_UNAVAILABLE')).toBe(true);
    }
  });

  it('refuses each guarded operation with UNSUPPORTED naming its capability, before the adapter runs', async () => {
    const none = Object.fromEntries(CAPABILITY_KEYS.map((key) => [key, false]));
    const ran: string[] = [];
    const rt = createRuntimeAdapter(
      adapterOfAll(none, async (path) => {
        ran.push(path);
        return path;
      }),
    );
    for (const path of ADAPTER_OPERATION_PATHS) {
      const capability = capabilityOf(path);
      const outcome = await call(rt, path).catch((err: unknown) => err);
      if (capability === undefined) expect(outcome).toBe(path);
      else expect(outcome).toMatchObject({ code: 'UNSUPPORTED', details: { capability } });
    }
    expect(ran).toEqual(ADAPTER_OPERATION_PATHS.filter((path) => capabilityOf(path) === undefined));
  });

  it('fails with INTERNAL naming a required operation the adapter lacks', async () => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter({ ...fake, jobs: { ...fake.jobs, get: undefined as never } });
    const err = await caught(rt.jobs.get('1'));
    expect(err).toMatchObject({
      code: 'INTERNAL',
      details: { operation: 'jobs.get', reason: 'missing_operation' },
    });
    expect((err as Error).message).toContain(
      'The adapter has no jobs.get method, which the contract requires.',
    );
    expect(formatError(err, { locale: 'zh-CN' })).toContain('适配器缺少契约要求的 jobs.get 方法');
  });

  it('refuses an undeclared capability with one UNSUPPORTED error naming it', async () => {
    const rt = createRuntimeAdapter(fakeAdapter());
    const err = await caught(rt.jobs.hold('1'));
    expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
    expect((err as Error).message).toBe(
      '[hpckit] [fake] The "fake" adapter does not support "jobs.hold". Check client.capabilities() before calling; "jobs.hold" is declared false.',
    );
    const withHold = await caught(rt.jobs.submit({ command: 'x', hold: true }));
    expect(isHpckitError(withHold, 'UNSUPPORTED')).toBe(true);
  });

  it('validates input before the adapter sees it', async () => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter(fake);
    expect(isHpckitError(await caught(rt.jobs.get('not an id')), 'VALIDATION')).toBe(true);
    expect(isHpckitError(await caught(rt.jobs.list({ limit: -1 })), 'VALIDATION')).toBe(true);
    expect(isHpckitError(await caught(rt.jobs.updateTimeLimit('1', { set: 'soon' })), 'VALIDATION')).toBe(
      true,
    );
    expect(fake.calls['jobs.get']).toBeUndefined();
    expect(fake.calls['jobs.list']).toBeUndefined();
  });

  it('refuses a node query that names no node, or a name a scheduler would read as several', async () => {
    const fake = fakeAdapter();
    const asked: string[][] = [];
    const rt = createRuntimeAdapter(
      defineSchedulerAdapter({
        ...fake,
        capabilities: { ...fake.capabilities, 'config.nodes': true },
        config: {
          ...fake.config,
          nodes: async ({ names }) => {
            asked.push(names);
            return names.map((name) => ({ name, hostname: name, address: '10.0.0.1' }));
          },
        },
      }),
    );
    for (const names of [[], ['cn01,cn02'], ['cn[01-02]'], ['cn 01']]) {
      expect(await caught(rt.config.nodes({ names }))).toMatchObject({
        code: 'VALIDATION',
        details: { subject: 'node query' },
      });
    }
    expect(asked).toEqual([]);
    expect(await rt.config.nodes({ names: ['cn01'] })).toEqual([
      { name: 'cn01', hostname: 'cn01', address: '10.0.0.1' },
    ]);
    expect(
      isHpckitError(
        await caught(createRuntimeAdapter(fake).config.nodes({ names: ['cn01'] })),
        'UNSUPPORTED',
      ),
    ).toBe(true);
  });

  it('refuses an idempotency key an adapter could not store and find again', async () => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter(fake);
    for (const key of ['form 42', '', 'a'.repeat(129), 'tab\tkey', "it's", 'ключ']) {
      const err = await caught(rt.jobs.submit({ command: 'x' }, { idempotencyKey: key }));
      expect(err).toMatchObject({ code: 'VALIDATION', details: { subject: 'submit context' } });
      expect((err as { details: { issues: { path: string[] }[] } }).details.issues[0]!.path).toEqual([
        'idempotencyKey',
      ]);
    }
    expect(fake.calls['jobs.submit']).toBeUndefined();
    const keys = ['0b8e6f1c-2d4a-4f7e-9c3b-5a6d7e8f9a0b', 'form-42', 'a/b+c=d:e@f.g_h', 'a'.repeat(128)];
    for (const key of keys) await rt.jobs.submit({ command: 'x' }, { idempotencyKey: key });
    expect(fake.calls['jobs.submit']).toBe(keys.length);
  });

  it('retries idempotent reads on retryable errors, and never retries a submit', async () => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter(fake, { retry: { retries: 2, baseDelayMs: 1 } });
    fake.failLists(2);
    await rt.jobs.list();
    expect(fake.calls['jobs.list']).toBe(3);
    fake.failLists(3);
    expect(isHpckitError(await caught(rt.jobs.list()), 'SCHEDULER_UNAVAILABLE')).toBe(true);

    let submits = 0;
    const flaky = fakeAdapter();
    flaky.jobs.submit = async () => {
      submits++;
      throw new SchedulerUnavailableError({ details: {} });
    };
    await caught(createRuntimeAdapter(flaky, { retry: { baseDelayMs: 1 } }).jobs.submit({ command: 'x' }));
    expect(submits).toBe(1);
  });

  it('retries a keyed submission, telling the adapter the key may now have a job', async () => {
    const seen: SubmitContext[] = [];
    const flaky = fakeAdapter();
    const submit = flaky.jobs.submit.bind(flaky.jobs);
    flaky.jobs.submit = async (spec, ctx) => {
      seen.push({ ...ctx });
      if (seen.length === 1) throw new SchedulerUnavailableError({ details: {} });
      return submit(spec, ctx);
    };
    const rt = createRuntimeAdapter(flaky, { retry: { baseDelayMs: 1 } });
    const result = await rt.jobs.submit({ command: 'x' }, { idempotencyKey: 'k-1', freshKey: true });
    expect(result.job.id).toBeDefined();
    expect(seen.map((c) => [c.idempotencyKey, c.freshKey])).toEqual([
      ['k-1', true],
      ['k-1', false],
    ]);
  });

  it('refuses a freshKey that is not a boolean, before the adapter sees it', async () => {
    const fake = fakeAdapter();
    const err = await caught(
      createRuntimeAdapter(fake).jobs.submit(
        { command: 'x' },
        { idempotencyKey: 'k', freshKey: 'yes' as never },
      ),
    );
    expect(err).toMatchObject({ code: 'VALIDATION', details: { subject: 'submit context' } });
    expect((err as { details: { issues: { path: string[] }[] } }).details.issues[0]!.path).toEqual([
      'freshKey',
    ]);
    expect(fake.calls['jobs.submit']).toBeUndefined();
  });

  it('leaves retries to an adapter that retries its own reads', async () => {
    const fake = fakeAdapter();
    const selfRetrying = defineSchedulerAdapter({ ...fake, retriesReads: true });
    fake.failLists(1);
    await caught(createRuntimeAdapter(selfRetrying, { retry: { baseDelayMs: 1 } }).jobs.list());
    expect(fake.calls['jobs.list']).toBe(1);
  });

  it('wraps a foreign exception as INTERNAL, keeping it as the cause', async () => {
    const fake = fakeAdapter();
    const boom = new TypeError('cannot read x of undefined');
    fake.jobs.get = async () => {
      throw boom;
    };
    const err = await caught(createRuntimeAdapter(fake).jobs.get('1'));
    expect(isHpckitError(err, 'INTERNAL')).toBe(true);
    expect((err as Error).cause).toBe(boom);
    expect((err as Error).message).toContain('jobs.get: cannot read x of undefined');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('jobs.get 意外失败：cannot read x of undefined');
  });

  it('rejects with the abort reason, before or during the call', async () => {
    const fake = fakeAdapter({ listLatencyMs: 200 });
    const rt = createRuntimeAdapter(fake);
    const reason = new Error('stop');
    expect(await caught(rt.jobs.list({}, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    const controller = new AbortController();
    const pending = caught(rt.jobs.list({}, { signal: controller.signal }));
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it('refuses to act for a user when the adapter cannot', async () => {
    const rt = createRuntimeAdapter(fakeAdapter({ capabilities: { actAsUser: false } }));
    const err = await caught(rt.jobs.list({}, { user: 'alice' }));
    expect(isHpckitError(err, 'UNSUPPORTED')).toBe(true);
  });

  it('refuses a user or member name that tools would read as a uid or an option, before the adapter runs', async () => {
    const fake = fakeAdapter();
    const rt = createRuntimeAdapter(fake);
    for (const user of ['0', '2001', '#2001', '-m', 'a'.repeat(33)]) {
      expect(await caught(rt.jobs.list({}, { user }))).toMatchObject({
        code: 'VALIDATION',
        details: { subject: 'call context', issues: [{ path: ['user'] }] },
      });
      expect(await caught(rt.users.add({ user, account: 'chem' }))).toMatchObject({
        code: 'VALIDATION',
        details: { subject: 'membership', issues: [{ path: ['user'] }] },
      });
    }
    expect(fake.calls['jobs.list'] ?? 0).toBe(0);
  });

  it('runs the submit guard before validation, for submit and render', async () => {
    const fake = fakeAdapter();
    const withRender = defineSchedulerAdapter({
      ...fake,
      capabilities: { ...fake.capabilities, 'jobs.render': true },
      jobs: { ...fake.jobs, render: async (spec) => ({ script: spec.name ?? '', command: [] }) },
    });
    const seen: (string | undefined)[] = [];
    const rt = createRuntimeAdapter(withRender, {
      beforeSubmit: (spec, ctx) => {
        seen.push(ctx.user);
        if (spec.partition === 'forbidden') throw new Error('refused by site policy');
        return { ...spec, name: 'named-by-guard' };
      },
    });
    const result = await rt.jobs.submit({ command: 'x' }, { user: 'alice' });
    expect(result.job.name).toBe('named-by-guard');
    expect((await rt.jobs.render({ command: 'x' })).script).toBe('named-by-guard');
    expect(await caught(rt.jobs.submit({ command: 'x', partition: 'forbidden' }))).toMatchObject({
      message: 'refused by site policy',
    });
    expect(fake.calls['jobs.submit']).toBe(1);
    expect(seen).toEqual(['alice', undefined, undefined]);
  });

  it('closes the adapter once', async () => {
    const fake = fakeAdapter();
    let closes = 0;
    fake.close = async () => {
      closes++;
    };
    const rt = createRuntimeAdapter(fake);
    await Promise.all([rt.close(), rt.close()]);
    await rt.close();
    expect(closes).toBe(1);
  });
});
