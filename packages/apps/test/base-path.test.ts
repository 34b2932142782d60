/**
 * Sessions behind a portal's path-prefix proxy (`basePath`): the job tells the server its base
 * URL, the connection URL and the readiness probe use it, the simulated server serves only under
 * it; and `get` finds a user's own session by id, never another user's.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, formatError } from '@hpckit/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BasePathSchema,
  createAppSessions,
  jupyterLab,
  mockAppHarness,
  sessionJobSpec,
} from '../src/index.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('basePath', () => {
  it('reaches the job script and Jupyter as HPCKIT_BASE_URL and base_url', () => {
    const spec = sessionJobSpec(jupyterLab, 'abc', '/home/alice/s', {}, '/apps/abc/proxy/');
    expect(spec.script).toContain('export HPCKIT_BASE_URL=/apps/abc/proxy/');
    expect(spec.script).toContain('--ServerApp.base_url="$HPCKIT_BASE_URL"');
    expect(sessionJobSpec(jupyterLab, 'abc', '/home/alice/s', {}).script).toContain(
      'export HPCKIT_BASE_URL=/',
    );
  });

  it('is refused unless a plain path that starts and ends with "/"', () => {
    for (const bad of ['apps/', '/apps', '/a b/', "/a'$(x)/", '/apps/../x/', '/./', '/{{user}}/', '//']) {
      expect(BasePathSchema.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ['/', '/apps/{{session}}/proxy/', '/p/x-1_2.3~/']) {
      expect(BasePathSchema.safeParse(good).success, good).toBe(true);
    }
    const adapter = mockAdapter();
    const client = createClient({ clusters: { hpc: { adapter } } }).as('alice');
    const harness = mockAppHarness({ client });
    cleanup = () => harness.close();
    let err: unknown;
    try {
      createAppSessions({ client, files: harness.files, basePath: '/apps/{{session}}/proxy' });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(formatError(err as Error)).toContain('options.basePath');
    expect(formatError(err as Error, { locale: 'zh-CN' })).toMatch(/开头和结尾/);
  });

  it('puts the connection URL and the probe under the session base path; get finds only own sessions', async () => {
    const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 60 } });
    const root = createClient({
      clusters: { hpc: { adapter } },
      polling: { minIntervalMs: 20, maxIntervalMs: 100 },
    });
    const open = (user: string) => {
      const client = root.as(user);
      const harness = mockAppHarness({ client, adapter, intervalMs: 10 });
      const sessions = createAppSessions({
        client,
        files: harness.files,
        readyIntervalMs: 10,
        basePath: '/apps/{{session}}/proxy/',
      });
      return { harness, sessions };
    };
    const alice = open('alice');
    const bob = open('bob');
    cleanup = async () => {
      await alice.harness.close();
      await bob.harness.close();
      await root.close();
    };
    const session = await alice.sessions.create('jupyter-lab', {});
    const base = `/apps/${session.id}/proxy/`;
    const { connection } = await alice.sessions.waitReady(session, { timeoutMs: 10_000 });
    const url = new URL(connection.url);
    expect(url.pathname).toBe(`${base}lab`);
    expect(
      (await fetch(`${connection.origin}${base}api/status`, { headers: connection.headers })).status,
    ).toBe(200);
    // The server is reached under its base path only, as Jupyter with base_url is.
    expect((await fetch(`${connection.origin}/api/status`, { headers: connection.headers })).status).toBe(
      404,
    );
    const page = await (await fetch(connection.url)).text();
    expect(page).toContain(`href="${base}api/status"`);

    expect((await alice.sessions.get(session.id)).jobId).toBe(session.jobId);
    await expect(bob.sessions.get(session.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(alice.sessions.get('0123456789abcdef')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await alice.sessions.cancel(session);
  });
});
