import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { mockAdapter } from '@hpckit/adapter-mock';
import {
  createClient,
  formatError,
  isHpckitError,
  lineProgress,
  notebookProgress,
  type ProgressSnapshot,
  renderProgressLine,
  showProgress,
  terminalProgress,
} from '@hpckit/core';
import { describe, expect, it } from 'vitest';

const fast = { minIntervalMs: 5, maxIntervalMs: 20, jitter: 0 };

/** A mock cluster whose clock runs 3600 times faster: a `sleep 1h` job takes about a second. */
function setup() {
  const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 3600 } });
  const client = createClient({ clusters: { hpc: { adapter, polling: fast } } });
  return { adapter, client, alice: client.as('alice') };
}

function collector(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY, columns: 200 },
  );
  return { stream, text: () => text };
}

/** Records every snapshot an output is shown. */
function recorder() {
  const shown: { snapshot: ProgressSnapshot; final: boolean }[] = [];
  return {
    shown,
    output: {
      minIntervalMs: 0,
      tickMs: 0,
      show: (snapshot: ProgressSnapshot, final: boolean) => shown.push({ snapshot, final }),
    },
  };
}

describe('showProgress on the mock scheduler', () => {
  it('follows a sweep to its end on the shared poller, making no scheduler call of its own', async () => {
    const { adapter, client, alice } = setup();
    const minutes = [10, 20, 30, 40];
    const items = await alice.jobs.submitMany(
      minutes.map((m) => ({
        name: `sweep-${m}`,
        command: `sleep ${m}m`,
        account: 'electroplating',
        timeLimit: '1h',
      })),
    );
    const handles = items.flatMap((i) => (i.status === 'submitted' ? [i.handle] : []));
    expect(handles).toHaveLength(minutes.length);
    const stats = () => alice.pollerStats();
    const callsBefore = { ...adapter.calls };
    const listsBefore = stats().listCalls;
    const { shown, output } = recorder();

    const jobs = await showProgress(alice, handles, { output });

    // Every scheduler call made meanwhile is one of the poller's polls: one jobs.list each.
    const delta = Object.fromEntries(
      Object.entries(adapter.calls).map(([op, n]) => [
        op,
        n - (callsBefore[op as keyof typeof callsBefore] ?? 0),
      ]),
    );
    expect(delta['jobs.list']).toBe(stats().listCalls - listsBefore);
    expect(Object.entries(delta).filter(([op, n]) => op !== 'jobs.list' && n > 0)).toEqual([]);

    expect(jobs.map((j) => j.id)).toEqual(handles.map((h) => h.id));
    expect(jobs.every((j) => j.state.outcome === 'completed')).toBe(true);
    const last = shown.at(-1)!;
    expect(last.final).toBe(true);
    expect(last.snapshot.phases.ended).toBe(minutes.length);
    expect(last.snapshot.outcomes).toEqual({ completed: minutes.length });
    expect(last.snapshot.etaSeconds).toBe(0);
    // The first display already knew every job, not only the first one heard of.
    expect(shown[0]!.snapshot.total).toBe(minutes.length);
    // On the way, some display saw jobs running and bounded by their limit or by finished siblings.
    const midway = shown.filter((s) => s.snapshot.phases.running > 0 && s.snapshot.etaSeconds !== undefined);
    for (const { snapshot } of midway) {
      expect(snapshot.etaSeconds).toBeLessThanOrEqual(3600);
    }
    await client.close();
  });

  it('writes one line per change when the output is no terminal, and redraws in place on a terminal', async () => {
    const { client, alice } = setup();
    const handle = await alice.jobs.submit({
      name: 'one',
      command: 'sleep 30m',
      account: 'electroplating',
      timeLimit: '1h',
    });
    const plain = collector(false);
    await showProgress(alice, [handle], { output: lineProgress(plain.stream, { minIntervalMs: 0 }) });
    const lines = plain.text().trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^1 job: 1 ended \(1 completed\) \| elapsed .* \| done$/);
    // No line repeats its predecessor's news, and no ANSI escape reaches a log.
    expect(plain.text()).not.toContain('\x1b');
    expect(new Set(lines.map((l) => l.replace(/ \| elapsed [^|]*/, ''))).size).toBe(lines.length);

    const second = await alice.jobs.submit({
      name: 'two',
      command: 'sleep 30m',
      account: 'electroplating',
      timeLimit: '1h',
    });
    const tty = collector(true);
    await showProgress(alice, [second], { output: terminalProgress(tty.stream, { minIntervalMs: 0 }) });
    expect(tty.text()).toContain(`${second.id}  two`);
    // A redraw moves the cursor up over the previous table (3 lines: summary, header, one row).
    if (tty.text().split('\x1b[').length > 1) expect(tty.text()).toContain('\x1b[3F\x1b[J');
    await client.close();
  });

  it('shows a notebook one display, then updates that same display', async () => {
    const { client, alice } = setup();
    const handle = await alice.jobs.submit({
      name: 'nb <b>',
      command: 'sleep 20m',
      account: 'electroplating',
      timeLimit: '1h',
    });
    const calls: { html: string; id: string; update: boolean }[] = [];
    const output = notebookProgress(
      (bundle, { displayId, update }) => calls.push({ html: bundle['text/html'], id: displayId, update }),
      { minIntervalMs: 0 },
    );
    await showProgress(alice, [handle], { output });
    expect(calls[0]!.update).toBe(false);
    expect(calls.slice(1).every((c) => c.update && c.id === calls[0]!.id)).toBe(true);
    expect(calls.at(-1)!.html).toContain('nb &#60;b&#62;');
    expect(calls.at(-1)!.html).not.toContain('<b>');
    await client.close();
  });

  it('refuses an output that is not one, in English and Chinese', async () => {
    const { client, alice } = setup();
    const noInterval = await showProgress(alice, [], { output: { show: () => undefined } as never }).catch(
      (e: unknown) => e,
    );
    expect(isHpckitError(noInterval, 'VALIDATION')).toBe(true);
    const err = await showProgress(alice, [], { output: { show: 1 } as never }).catch((e: unknown) => e);
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    if (!isHpckitError(err, 'VALIDATION')) return;
    expect(err.message).toContain('show(snapshot, final)');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('进度输出');
    await client.close();
  });
});

describe('readable handles and clients', () => {
  it('inspects a handle as one line and serialises it as plain data', async () => {
    const { client, alice } = setup();
    const handle = await alice.jobs.submit({ name: 'relax', command: 'sleep 1m', account: 'electroplating' });
    const shown = inspect(handle);
    expect(shown).toBe(`JobHandle hpc:${handle.id} "relax" ${handle.state.phase} as alice`);
    expect(shown).not.toContain('Getter');
    const json = JSON.parse(JSON.stringify(handle));
    expect(json).toMatchObject({ id: handle.id, cluster: 'hpc', user: 'alice', job: { name: 'relax' } });
    expect(inspect(handle.job)).not.toContain('Getter');
    expect(Object.keys(handle)).not.toContain('nodejs.util.inspect.custom');
    await client.close();
  });

  it('closes a client left by `await using`', async () => {
    const adapter = mockAdapter();
    let outside: ReturnType<typeof createClient> | undefined;
    {
      await using client = createClient({ clusters: { hpc: { adapter } } });
      outside = client;
      await client.as('alice').jobs.list();
    }
    const err = await outside
      .as('alice')
      .jobs.list()
      .catch((e: unknown) => e);
    expect(isHpckitError(err, 'UNSUPPORTED') && err.details.reason).toBe('client_closed');
  });
});

it('an empty set of jobs reads as done', () => {
  const phases = { queued: 0, held: 0, running: 0, suspended: 0, completing: 0, ended: 0 };
  expect(renderProgressLine({ total: 0, phases, outcomes: {}, elapsedMs: 0, rows: [] })).toBe(
    '0 jobs | elapsed 0s | done',
  );
});
