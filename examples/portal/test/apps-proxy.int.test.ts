/**
 * The portal's app proxy on the real test cluster (scripts/apps/up.sh, under the cluster lock): a
 * Jupyter Notebook session of alice, started with the proxy's base path, reached through the
 * portal's HTTP and WebSocket proxy code: its page (links under the base path), API calls, a kernel
 * started and spoken to over its WebSocket; a foreign Origin refused.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AppSession } from '@hpckit/core';
import { Hono } from 'hono';
import { serializeSigned } from 'hono/utils/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { aliceSessions, assertAppsClusterUp } from '../../../packages/apps/test/cluster.js';
import { APP_BASE_PATH, appProxyHandler, upstreamResolver } from '../src/app-proxy.js';
import { appProxyUpgrade } from '../src/app-proxy-upgrade.js';

assertAppsClusterUp();

const secret = randomBytes(32).toString('base64url');
const alice = aliceSessions({ basePath: APP_BASE_PATH });
// Only alice has sessions here; the proxy asks for the signed-in user's.
const resolver = upstreamResolver({ secret, apps: () => alice.sessions });
const app = new Hono();
app.all('/apps/:session/proxy/*', appProxyHandler(resolver));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
server.on('upgrade', appProxyUpgrade(resolver));
let base = '';
let cookie = '';
let session: AppSession;

beforeAll(async () => {
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cookie = (await serializeSigned('hpckit_session', 'alice', secret)).split(';')[0]!;
  session = await alice.sessions.create('jupyter-notebook', {
    partition: 'cpu',
    hours: 1,
    cores: 1,
    account: 'electroplating',
  });
  try {
    await alice.sessions.waitReady(session, { timeoutMs: 120_000 });
  } catch (err) {
    const log = await alice.files.readFile(`${session.directory}/output.log`).catch(() => '(no output.log)');
    throw new Error(`not ready: ${String(err)}\n--- output.log ---\n${log}`);
  }
}, 150_000);

afterAll(async () => {
  if (session) await alice.sessions.cancel(session).catch(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await alice.close();
});

const proxied = (path: string) => `${base}/apps/${session.id}/proxy/${path}`;

describe("Jupyter Notebook through the portal's proxy", () => {
  it('serves its page with every link under the base path, and its API', async () => {
    const page = await fetch(proxied('tree'), { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`/apps/${session.id}/proxy/static/`);
    expect(html).not.toMatch(/src="\/static\//);
    const status = await fetch(proxied('api/status'), { headers: { cookie } });
    expect(status.status).toBe(200);
    expect(await status.json()).toHaveProperty('kernels');
    const specs = (await (await fetch(proxied('api/kernelspecs'), { headers: { cookie } })).json()) as {
      kernelspecs: Record<string, unknown>;
    };
    expect(Object.keys(specs.kernelspecs)).toContain('python3');
    // No portal session: to the sign-in page, nothing reaches Jupyter.
    const signedOut = await fetch(proxied('api/status'), { redirect: 'manual' });
    expect([signedOut.status, signedOut.headers.get('location')]).toEqual([302, '/signin']);
  }, 120_000);

  it('starts a kernel and speaks to it over its WebSocket; refuses a foreign Origin', async () => {
    const started = await fetch(proxied('api/kernels'), {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'python3' }),
    });
    expect(started.status).toBe(201);
    const kernel = (await started.json()) as { id: string };
    const url = proxied(`api/kernels/${kernel.id}/channels`).replace('http', 'ws');

    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie, origin: 'https://evil.example' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      ws.on('open', () => reject(new Error('a foreign Origin was upgraded')));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(403);

    const reply = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie, origin: base } });
      const msgId = randomUUID();
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            header: {
              msg_id: msgId,
              msg_type: 'kernel_info_request',
              username: 'alice',
              session: randomUUID(),
              date: new Date().toISOString(),
              version: '5.3',
            },
            parent_header: {},
            metadata: {},
            content: {},
            channel: 'shell',
          }),
        ),
      );
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { msg_type: string; parent_header: { msg_id?: string } };
        if (msg.msg_type === 'kernel_info_reply' && msg.parent_header.msg_id === msgId) {
          ws.close();
          resolve(msg.msg_type);
        }
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.on('error', reject);
      setTimeout(() => reject(new Error('no kernel_info_reply within 30 s')), 30_000).unref();
    });
    expect(reply).toBe('kernel_info_reply');
    const deleted = await fetch(proxied(`api/kernels/${kernel.id}`), {
      method: 'DELETE',
      headers: { cookie, origin: base },
    });
    expect(deleted.status).toBe(204);
  }, 120_000);
});
