import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalServices } from '../src/services.js';
import { startPortal } from './start-portal.js';
import { opened, openTerminal } from './terminal-client.js';
import { visitorOf } from './visitor.js';

let portal: Awaited<ReturnType<typeof startPortal>>;
let socketUrl: string;
let embedded: PortalServices;
// Every shell the portal asked for: a refused upgrade must not open one.
const asked: string[] = [];

beforeAll(async () => {
  portal = await startPortal(
    {},
    {},
    {
      shell: (user, options) => {
        asked.push(user);
        return embedded.shell(user, options);
      },
    },
  );
  embedded = portal.site.services;
  socketUrl = `${portal.url.replace('http', 'ws')}/shell/socket`;
}, 30_000);
afterAll(async () => {
  await portal?.close();
});

async function signedIn(name: string, lang?: string) {
  const v = visitorOf(portal);
  await v.signIn(name);
  if (lang) await v.request('/lang', { form: { _csrf: v.token(), lang } });
  return v.cookies();
}

describe('the shell socket refuses before the upgrade', () => {
  it('without a session, with a forged one, from another origin or none, at a bad size', async () => {
    const cookie = await signedIn('alice');
    const origin = portal.url;
    // alice's signed value with its signature altered, carol's name with alice's signature, and a
    // cookie signed with another secret: none is a session.
    const value = /hpckit_session=([^;]+)/.exec(cookie)![1]!;
    const [, signature] = decodeURIComponent(value).split('.');
    const forged = [
      `hpckit_session=${encodeURIComponent(`alice.${signature!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`)}`,
      `hpckit_session=${encodeURIComponent(`carol.${signature}`)}`,
      'hpckit_session=alice',
    ];
    const cases: [string, { origin?: string; cookie?: string }, number, RegExp][] = [
      ['no session', { origin }, 403, /sign in/],
      ...forged.map((c): [string, { origin?: string; cookie?: string }, number, RegExp] => [
        c,
        { origin, cookie: c },
        403,
        /sign in/,
      ]),
      ['a foreign origin', { origin: 'http://evil.example', cookie }, 403, /own pages/],
      ['the portal on another port', { origin: 'http://127.0.0.1:1', cookie }, 403, /own pages/],
      ['no origin', { cookie }, 403, /own pages/],
    ];
    for (const [what, headers, status, body] of cases) {
      const res = await openTerminal(`${socketUrl}?rows=24&cols=80`, headers);
      expect(res, what).toMatchObject({ status, body: expect.stringMatching(body) });
    }
    for (const query of [
      'rows=0&cols=80',
      'rows=24&cols=1001',
      'rows=1.5&cols=80',
      'rows=24&cols=abc',
      'rows=&cols=80',
    ]) {
      const res = await openTerminal(`${socketUrl}?${query}`, { origin, cookie });
      expect(res, query).toMatchObject({ status: 400, body: expect.stringMatching(/terminal size/) });
    }
    const zh = await signedIn('alice', 'zh-CN');
    expect(await openTerminal(`${socketUrl}?rows=0&cols=80`, { origin, cookie: zh })).toMatchObject({
      status: 400,
      body: expect.stringMatching(/终端尺寸/),
    });
    const elsewhere = await openTerminal(`${portal.url.replace('http', 'ws')}/shell/other`, {
      origin,
      cookie,
    });
    expect(elsewhere).toMatchObject({ status: 404 });
    expect(asked).toEqual([]);
  });
});

describe('the shell socket', () => {
  it("bridges the signed-in user's shell: keystrokes, resize, a bad control message, exit", async () => {
    const cookie = await signedIn('alice');
    const term = opened(await openTerminal(`${socketUrl}?rows=30&cols=100`, { origin: portal.url, cookie }));
    await term.waitFor(/alice@ikkem:~\$ $/);
    term.type('whoami; echo hi\r');
    await term.waitFor(/alice: command not found|whoami;: command not found/);
    term.type('whoami\r');
    await term.waitFor(/whoami\r\nalice\r\n/);
    term.type('stty size\r');
    await term.waitFor(/30 100/);
    term.control(JSON.stringify({ type: 'resize', rows: 40, cols: 132 }));
    term.control(JSON.stringify({ type: 'resize', rows: 40, cols: 5000 }));
    term.type('stty size\r');
    await term.waitFor(/40 132/);
    expect(term.controls).toEqual([{ type: 'error', message: expect.stringMatching(/1000/) }]);
    // Another user's home is out of reach.
    term.type('cat ../carol/secret.txt\r');
    await term.waitFor(/outside/);
    term.type('exit 7\r');
    await term.closed;
    expect(term.controls.at(-1)).toEqual({ type: 'exit', code: 7, signal: null });
    expect(asked).toEqual(['alice']);
  });

  it('opens in a directory of the home, and reports one outside it in the user language', async () => {
    const home = await portal.site.services.files('alice').home();
    await portal.site.services.files('alice').mkdir('runs', { recursive: true });
    writeFileSync(join(home, 'runs', 'log.txt'), 'step 1\n');
    const cookie = await signedIn('alice');
    // The Files screen's link to a shell in the directory shown.
    const dir = await portal.app.request(`${portal.url}/files?path=runs`, { headers: { cookie } });
    expect(await dir.text()).toContain('<a id="shell-here" href="/shell?cwd=runs">');
    const term = opened(await openTerminal(`${socketUrl}?cwd=runs`, { origin: portal.url, cookie }));
    term.type('cat log.txt\r');
    await term.waitFor(/~\/runs\$ cat log\.txt\r\nstep 1/);
    term.close();
    await term.closed;

    const zh = await signedIn('alice', 'zh-CN');
    const out = opened(await openTerminal(`${socketUrl}?cwd=../carol`, { origin: portal.url, cookie: zh }));
    await out.closed;
    expect(out.controls).toEqual([{ type: 'error', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    expect(out.screen()).toBe('');
  });
});

describe('the shell screen', () => {
  it('is for signed-in users, loads xterm.js from the portal, and allows inline styles there only', async () => {
    const anonymous = await portal.app.request(`${portal.url}/shell`);
    expect(anonymous.status).toBe(302);
    const v = visitorOf(portal);
    await v.signIn('alice');
    const page = await portal.app.request(
      `${portal.url}/shell?cwd=${encodeURIComponent('"><script>x</script>')}`,
      {
        headers: { cookie: v.cookies() },
      },
    );
    const text = await page.text();
    expect(text).toContain('data-cwd="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(text).toContain('<script src="/shell/assets/shell.js" defer></script>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    const dashboard = await portal.app.request(`${portal.url}/dashboard`, {
      headers: { cookie: v.cookies() },
    });
    expect(dashboard.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    for (const [name, type, content] of [
      ['xterm.mjs', 'text/javascript', /export\{\w+ as Terminal\}/],
      ['addon-fit.mjs', 'text/javascript', /as FitAddon/],
      ['xterm.css', 'text/css', /\.xterm/],
      ['shell.js', 'text/javascript', /\/shell\/socket/],
    ] as const) {
      const res = await portal.app.request(`${portal.url}/shell/assets/${name}`, {
        headers: { cookie: v.cookies() },
      });
      expect(res.headers.get('content-type')).toBe(type);
      expect(await res.text()).toMatch(content);
    }
    const missing = await portal.app.request(`${portal.url}/shell/assets/..%2Fpackage.json`, {
      headers: { cookie: v.cookies() },
    });
    expect(missing.status).toBe(404);
  });
});
