/**
 * The apps screens and the reverse proxy without a browser, on a real listening portal (the mock
 * harness plays the compute node): a session is created from its form and reached through the
 * proxy, and every hostile case is refused before anything reaches an upstream.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startPortal } from './start-portal.js';
import { visitorOf } from './visitor.js';

let portal: Awaited<ReturnType<typeof startPortal>>;
const visitor = () => visitorOf(portal);

/** What the stand-in for the session's server saw. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const seen: Seen[] = [];
const upgrades: Seen[] = [];
let recorder: Server;
let recorderPort = 0;

/** A server in the apps' port range on the mock's node address: records, sets cookies, echoes WebSockets. */
async function startRecorder() {
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws) => ws.on('message', (data) => ws.send(`echo ${data}`)));
  recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.setHeader('set-cookie', [
        'hpckit_session=planted; Path=/',
        'lang=zh-CN; Path=/',
        'app_cookie=1; Path=/',
      ]);
      res.end(`recorded ${req.method} ${req.url}`);
    });
  });
  recorder.on('upgrade', (req, socket, head) => {
    upgrades.push({ method: req.method!, url: req.url!, headers: req.headers, body: '' });
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const ok = await new Promise<boolean>((resolve) => {
      recorder.once('error', () => resolve(false));
      recorder.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return port;
  }
}

/** alice signed in, with one running session whose server answers. */
async function aliceSession() {
  const alice = visitor();
  await alice.signIn('alice');
  await alice.request('/apps/new/jupyter-lab');
  const created = await alice.request('/apps/new/jupyter-lab', {
    form: { _csrf: alice.token(), partition: 'cpu', account: 'alice-lab', hours: '1', cores: '2' },
  });
  expect(created.status).toBe(302);
  const id = /^\/apps\/([0-9a-f]{16})$/.exec(created.location ?? '')![1]!;
  let page = '';
  await expect
    .poll(
      async () => {
        page = (await alice.request(`/apps/${id}`)).text;
        return page.includes('id="connect"');
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return { alice, id, page };
}

/** Points a session's connection file (the user's job writes it) at `host:port`. */
async function pointSession(user: string, id: string, host: string, port: number) {
  const harness = portal.site.appHarness(user);
  const path = [...harness.files.files.keys()].find((p) => p.endsWith(`/${id}/connection.json`))!;
  const conn = JSON.parse(harness.files.files.get(path)!);
  await harness.files.writeFile(path, JSON.stringify({ ...conn, host, port }));
  portal.appProxy.forget(id);
}

/** A raw request to the listening portal (fetch would resolve `..` before sending). */
function raw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${portal.url}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket through the portal: the echo it got, or the HTTP status it was refused with. */
function openWs(path: string, headers: Record<string, string>) {
  return new Promise<{ status?: number; echo?: string }>((resolve, reject) => {
    const ws = new WebSocket(`${portal.url.replace('http', 'ws')}${path}`, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode! });
      ws.terminate();
    });
    ws.on('open', () => ws.send('ping'));
    ws.on('message', (data) => {
      resolve({ echo: String(data) });
      ws.close();
    });
    ws.on('error', reject);
  });
}

beforeAll(async () => {
  portal = await startPortal();
  recorderPort = await startRecorder();
}, 30_000);
afterAll(async () => {
  await new Promise<void>((resolve) => recorder?.close(() => resolve()));
  await portal?.close();
});

describe('the apps screens', () => {
  it('offer the apps, a form from the JSON Schema, refuse a bad value in the user language, create and connect', async () => {
    const alice = visitor();
    await alice.signIn('alice');
    const list = await alice.request('/apps');
    expect(list.text).toContain('data-launch="jupyter-lab"');
    const form = await alice.request('/apps/new/jupyter-lab');
    for (const field of ['partition', 'account', 'hours', 'cores'])
      expect(form.text).toContain(`name="${field}"`);
    expect(form.text).toContain('<option value="gpu"');

    await alice.request('/lang', { form: { _csrf: alice.token(), lang: 'zh-CN', back: '/apps' } });
    const bad = await alice.request('/apps/new/jupyter-lab', {
      form: { _csrf: alice.token(), partition: 'cpu', account: 'alice-lab', hours: '1', cores: '0' },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('form.cores');
    expect(bad.text).toMatch(/至少应为 1/);
    await alice.request('/lang', { form: { _csrf: alice.token(), lang: 'en', back: '/apps' } });

    const { id, page } = await aliceSession();
    // The link is the proxied path: the token stays between the portal and the server.
    expect(page).toContain(`href="/apps/${id}/proxy/lab"`);
    expect(page).not.toMatch(/token=/);
    const opened = await alice.request(`/apps/${id}/proxy/lab`);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('simulated app');
    expect(opened.text).toContain(`href="/apps/${id}/proxy/api/status"`);
    expect((await alice.request(`/apps/${id}/proxy/api/status`)).text).toContain('kernels');
    expect((await alice.request('/apps')).text).toContain(`data-session="${id}"`);
  });
});

describe('the proxy refuses', () => {
  it("another user's session and an unknown one alike (page, proxy, cancel, WebSocket)", async () => {
    const { alice, id } = await aliceSession();
    const carol = visitor();
    await carol.signIn('carol');
    for (const target of [id, '0123456789abcdef']) {
      expect((await carol.request(`/apps/${target}`)).status).toBe(404);
      const proxied = await carol.request(`/apps/${target}/proxy/lab`);
      expect(proxied.status).toBe(404);
      expect(proxied.text).toBe('No such app session.');
      expect((await carol.request(`/apps/${target}/cancel`, { form: { _csrf: carol.token() } })).status).toBe(
        404,
      );
      expect(
        (
          await openWs(`/apps/${target}/proxy/api/kernels/k/channels`, {
            cookie: carol.cookies(),
            origin: portal.url,
          })
        ).status,
      ).toBe(404);
    }
    expect((await alice.request(`/apps/${id}`)).text).toContain('id="connect"');
    // Not signed in: to the sign-in page; a WebSocket: 403 from the portal's upgrade dispatcher,
    // as for the shell.
    expect((await raw(`/apps/${id}/proxy/lab`)).status).toBe(302);
    expect((await openWs(`/apps/${id}/proxy/api/kernels/k/channels`, { origin: portal.url })).status).toBe(
      403,
    );
  });

  it("an upstream that is not the session's verified one: 502, nothing sent there", async () => {
    const { alice, id } = await aliceSession();
    const before = seen.length;
    for (const [host, port] of [
      ['10.255.255.1', recorderPort], // not the job's node
      ['127.0.0.1', 5432], // the node, outside the app's port range
    ] as const) {
      await pointSession('alice', id, host, port);
      const res = await alice.request(`/apps/${id}/proxy/lab`);
      expect(res.status).toBe(502);
      expect(
        (
          await openWs(`/apps/${id}/proxy/api/kernels/k/channels`, {
            cookie: alice.cookies(),
            origin: portal.url,
          })
        ).status,
      ).toBe(502);
    }
    expect(seen.length).toBe(before);
    expect(upgrades).toHaveLength(0);
  });

  it("strips the portal's cookies and credentials going up, drops its cookie names coming down, streams every method", async () => {
    const { alice, id } = await aliceSession();
    await pointSession('alice', id, '127.0.0.1', recorderPort);
    const cookie = `${alice.cookies()}; app_cookie=1`;
    const res = await portal.app.request(`${portal.url}/apps/${id}/proxy/api/contents?x=1`, {
      headers: { cookie, authorization: 'Basic cG9ydGFsOnNlY3JldA==' },
    });
    expect(await res.text()).toBe(`recorded GET /apps/${id}/proxy/api/contents?x=1`);
    expect(res.headers.getSetCookie()).toEqual(['app_cookie=1; Path=/']);
    const got = seen.at(-1)!;
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers.authorization).toMatch(/^token [0-9a-f]{64}$/);
    expect(got.headers.host).toBe(`127.0.0.1:${recorderPort}`);

    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const body = JSON.stringify({ method, bytes: 'x'.repeat(100_000) });
      const sent = await portal.app.request(`${portal.url}/apps/${id}/proxy/api/contents/a.ipynb`, {
        method,
        headers: { cookie, origin: portal.url, 'content-type': 'application/json' },
        body,
      });
      expect(sent.status).toBe(200);
      expect(seen.at(-1)).toMatchObject({ method, body });
      // The server compares Origin with its own Host (Jupyter does): the portal vouches for it.
      expect(seen.at(-1)!.headers.origin).toBe(`http://127.0.0.1:${recorderPort}`);
    }
    // A state-changing request from another site (or with no Origin) never borrows the token.
    const count = seen.length;
    for (const origin of ['https://evil.example', undefined]) {
      const refused = await portal.app.request(`${portal.url}/apps/${id}/proxy/api/contents/a.ipynb`, {
        method: 'DELETE',
        headers: { cookie, ...(origin && { origin }) },
      });
      expect(refused.status).toBe(403);
    }
    expect(seen.length).toBe(count);
  });

  it('a WebSocket from a foreign Origin (403, before upgrading); the portal origin is spliced through', async () => {
    const { alice, id } = await aliceSession();
    await pointSession('alice', id, '127.0.0.1', recorderPort);
    const path = `/apps/${id}/proxy/api/kernels/k1/channels`;
    for (const origin of ['https://evil.example', `http://localhost:${new URL(portal.url).port}`]) {
      expect((await openWs(path, { cookie: alice.cookies(), origin })).status).toBe(403);
    }
    expect(upgrades).toHaveLength(0);
    const ok = await openWs(path, { cookie: `${alice.cookies()}; app_cookie=1`, origin: portal.url });
    expect(ok.echo).toBe('echo ping');
    expect(upgrades).toHaveLength(1);
    expect(upgrades[0]!.url).toBe(path);
    expect(upgrades[0]!.headers.cookie).toBeUndefined();
    expect(upgrades[0]!.headers.authorization).toMatch(/^token [0-9a-f]{64}$/);
    expect(upgrades[0]!.headers.origin).toBe(`http://127.0.0.1:${recorderPort}`);
  });

  it('a path that leaves the session base: resolved before routing, or refused; never forwarded', async () => {
    const { alice, id } = await aliceSession();
    await pointSession('alice', id, '127.0.0.1', recorderPort);
    const before = seen.length;
    const cookie = alice.cookies();
    const escaped = await raw(`/apps/${id}/proxy/../../../dashboard`, { cookie });
    expect(escaped.body).not.toContain('recorded');
    expect((await raw(`/apps/${id}/proxy/%2e%2e/%2e%2e/%2e%2e/files`, { cookie })).body).not.toContain(
      'recorded',
    );
    const encoded = await raw(`/apps/${id}/proxy/..%2f..%2f..%2fetc%2fpasswd`, { cookie });
    expect(encoded.status).toBe(400);
    expect(seen.length).toBe(before);
    // A `..` that stays inside the base is the server's own path.
    const inside = await raw(`/apps/${id}/proxy/api/../lab`, { cookie });
    expect(inside.body).toBe(`recorded GET /apps/${id}/proxy/lab`);
    expect(seen.slice(before).every((s) => s.url.startsWith(`/apps/${id}/proxy/`))).toBe(true);
  });

  it('a cancelled session: 410, nothing proxied', async () => {
    const { alice, id } = await aliceSession();
    const cancel = await alice.request(`/apps/${id}/cancel`, { form: { _csrf: alice.token() } });
    expect(cancel.status).toBe(302);
    await expect
      .poll(async () => (await alice.request(`/apps/${id}`)).text, { timeout: 10_000 })
      .toContain('id="session-ended"');
    expect((await alice.request(`/apps/${id}/proxy/lab`)).status).toBe(410);
    expect(
      (
        await openWs(`/apps/${id}/proxy/api/kernels/k/channels`, {
          cookie: alice.cookies(),
          origin: portal.url,
        })
      ).status,
    ).toBe(410);
  });
});
