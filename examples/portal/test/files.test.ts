import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from './start-portal.js';
import { visitorOf } from './visitor.js';

const UPLOAD_LIMIT = 64 * 1024;
let portal: Awaited<ReturnType<typeof startPortal>>;
let aliceHome: string;
let carolHome: string;
const visitor = () => visitorOf(portal);
const q = encodeURIComponent;

async function signedIn(name: string) {
  const v = visitor();
  await v.signIn(name);
  return v;
}

const upload = (dir: string, name: string, content: string | Uint8Array, csrf: string) => {
  const form = new FormData();
  form.set('_csrf', csrf);
  form.set('dir', dir);
  form.set('file', new File([content], name));
  return form;
};

beforeAll(async () => {
  portal = await startPortal({}, { uploadLimitBytes: UPLOAD_LIMIT, outputBytes: 1024 });
  aliceHome = await portal.site.services.files('alice').home();
  carolHome = await portal.site.services.files('carol').home();
  writeFileSync(join(carolHome, 'secret.txt'), 'carol only\n');
  mkdirSync(join(aliceHome, 'runs'), { recursive: true });
  writeFileSync(join(aliceHome, 'runs', 'notes.txt'), 'alice notes\n');
}, 30_000);
afterAll(async () => {
  await portal?.close();
});

describe("the portal's files", () => {
  it('lists, previews (bounded), uploads, renames, downloads and deletes in the home', async () => {
    const alice = await signedIn('alice');
    const list = await alice.request('/files');
    expect(list.status).toBe(200);
    expect(list.text).toContain('runs/');

    const big = 'x'.repeat(70 * 1024);
    writeFileSync(join(aliceHome, 'runs', 'big.log'), big);
    const preview = await alice.request(`/files/view?path=${q('runs/big.log')}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('id="preview-truncated"');
    expect(preview.text.length).toBeLessThan(big.length);

    const sent = await alice.request('/files/upload', {
      multipart: upload('runs', 'job.sh', '#!/bin/bash\necho hi\n', alice.token()),
    });
    expect(sent.status).toBe(302);
    expect(readFileSync(join(aliceHome, 'runs', 'job.sh'), 'utf8')).toBe('#!/bin/bash\necho hi\n');
    // An upload never replaces a file silently.
    const again = await alice.request('/files/upload', {
      multipart: upload('runs', 'job.sh', 'other', alice.token()),
    });
    expect(again.status).toBe(409);

    const renamed = await alice.request('/files/rename', {
      form: { _csrf: alice.token(), path: 'runs/job.sh', to: 'relax.sh' },
    });
    expect(renamed.location).toBe(`/files/view?path=${q('runs/relax.sh')}`);
    const down = await alice.request(`/files/download?path=${q('runs/relax.sh')}`);
    expect(down.text).toBe('#!/bin/bash\necho hi\n');
    expect(down.disposition).toContain('filename="relax.sh"');

    const gone = await alice.request('/files/delete', {
      form: { _csrf: alice.token(), path: 'runs/relax.sh' },
    });
    expect(gone.location).toBe(`/files?path=runs`);
    expect((await alice.request(`/files/view?path=${q('runs/relax.sh')}`)).status).toBe(404);
  });

  it("refuses paths above the home, absolute ones elsewhere and another user's home", async () => {
    const alice = await signedIn('alice');
    const outside = [
      '..',
      '../carol/secret.txt',
      'runs/../../carol/secret.txt',
      join(carolHome, 'secret.txt'),
      '/etc/passwd',
    ];
    for (const path of outside) {
      for (const route of ['/files', '/files/view', '/files/download']) {
        const res = await alice.request(`${route}?path=${q(path)}`);
        expect(res.status, `${route} ${path}`).toBe(400);
        expect(res.text).not.toContain('carol only');
      }
      for (const [route, form] of [
        ['/files/delete', { path }],
        ['/files/rename', { path, to: 'stolen.txt' }],
        ['/files/rename', { path: 'runs/notes.txt', to: path }],
        ['/files/submit', { path }],
      ] as const) {
        const res = await alice.request(route, { form: { _csrf: alice.token(), ...form } });
        expect(res.status, `${route} ${JSON.stringify(form)}`).toBe(400);
      }
      const up = await alice.request('/files/upload', {
        multipart: upload(path, 'x.txt', 'x', alice.token()),
      });
      expect(up.status, `upload into ${path}`).toBe(400);
    }
    const climbing = await alice.request('/files/upload', {
      multipart: upload('runs', '../../carol/planted.txt', 'x', alice.token()),
    });
    expect(climbing.status).toBe(400);
    expect(readFileSync(join(carolHome, 'secret.txt'), 'utf8')).toBe('carol only\n');
    expect(readFileSync(join(aliceHome, 'runs', 'notes.txt'), 'utf8')).toBe('alice notes\n');
  });

  it('refuses a symlink out of the home on every route, and still lets its owner delete the link', async () => {
    // Every home belongs to the portal's process here: the OS would follow the link.
    symlinkSync(join(carolHome, 'secret.txt'), join(aliceHome, 'link-out'));
    const alice = await signedIn('alice');
    for (const path of ['/files/view?path=link-out', '/files/download?path=link-out']) {
      const res = await alice.request(path);
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('carol only');
    }
    const deleted = await alice.request('/files/delete', {
      form: { path: 'link-out', _csrf: alice.token() },
    });
    expect(deleted.status).toBeLessThan(400);
    expect(readFileSync(join(carolHome, 'secret.txt'), 'utf8')).toBe('carol only\n');
  });

  it("refuses an upload over the limit before reading it, in the user's language", async () => {
    const alice = await signedIn('alice');
    const res = await alice.request('/files/upload', {
      multipart: upload('.', 'huge.bin', new Uint8Array(UPLOAD_LIMIT + 1), alice.token()),
    });
    expect(res.status).toBe(413);
    expect(res.text).toContain('scp');
    expect((await alice.request('/files')).text).not.toContain('huge.bin');
  });

  it('refuses every new POST without the CSRF token or from another origin', async () => {
    const alice = await signedIn('alice');
    writeFileSync(join(aliceHome, 'keep.sh'), '#!/bin/bash\necho keep\n');
    const posts: [string, Record<string, string>][] = [
      ['/files/delete', { path: 'keep.sh' }],
      ['/files/rename', { path: 'keep.sh', to: 'moved.sh' }],
      ['/files/submit', { path: 'keep.sh', account: 'alice-lab' }],
    ];
    for (const [route, form] of posts) {
      expect((await alice.request(route, { form })).status, route).toBe(403);
      expect((await alice.request(route, { form: { ...form, _csrf: 'forged' } })).status, route).toBe(403);
      const foreign = await alice.request(route, {
        form: { ...form, _csrf: alice.token() },
        origin: 'https://evil.example',
      });
      expect(foreign.status, route).toBe(403);
    }
    expect(
      (await alice.request('/files/upload', { multipart: upload('.', 'a.txt', 'a', 'forged') })).status,
    ).toBe(403);
    const { jobs } = await portal.site.services.client.jobs.list({ users: ['alice'] });
    expect(jobs.some((j) => j.name === 'keep.sh')).toBe(false);
    expect(readFileSync(join(aliceHome, 'keep.sh'), 'utf8')).toContain('keep');
  });

  it('serves a name with quotes and a newline as one safe Content-Disposition', async () => {
    const name = 'a "quoted"\nname;.txt';
    writeFileSync(join(aliceHome, name), 'odd\n');
    const alice = await signedIn('alice');
    const res = await alice.request(`/files/download?path=${q(name)}`);
    expect(res.status).toBe(200);
    const header = res.disposition!;
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="a _quoted__name;\.txt"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(name);
    expect(res.text).toBe('odd\n');
  });

  it('submits a script file with its #SBATCH directives and shows its output on the job page', async () => {
    writeFileSync(
      join(aliceHome, 'runs', 'hello.sh'),
      '#!/bin/bash\n#SBATCH --time=10\n#SBATCH --partition=cpu\necho hello from the script\n',
    );
    const alice = await signedIn('alice');
    const res = await alice.request('/files/submit', {
      form: { _csrf: alice.token(), path: 'runs/hello.sh', account: 'alice-lab' },
    });
    expect(res.status).toBe(302);
    const id = decodeURIComponent(res.location!.split('/').pop()!);
    const job = await portal.site.services.client.jobs.handle(id);
    expect(job.job.timeLimitSeconds).toBe(600);
    await job.wait({ timeoutMs: 10_000 });
    const page = await alice.request(`/jobs/${q(id)}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<pre id="stdout">hello from the script\n<\/pre>/);
    expect(page.text).toContain('href="/files?path=runs"');
    expect(page.text).not.toContain('id="stdout-truncated"');
    // carol cannot read it through the job page either.
    const carol = await signedIn('carol');
    expect((await carol.request(`/jobs/${q(id)}`)).status).toBe(404);
  });

  it('bounds the output on the job page, and says why an unreadable one is not shown', async () => {
    writeFileSync(join(aliceHome, 'loud.sh'), `#!/bin/bash\n#SBATCH --time=10\necho ${'y'.repeat(3000)}\n`);
    const alice = await signedIn('alice');
    const res = await alice.request('/files/submit', {
      form: { _csrf: alice.token(), path: 'loud.sh', account: 'alice-lab' },
    });
    const id = decodeURIComponent(res.location!.split('/').pop()!);
    await (await portal.site.services.client.jobs.handle(id)).wait({ timeoutMs: 10_000 });
    const page = await alice.request(`/jobs/${q(id)}`);
    const shown = /<pre id="stdout">(y*)<\/pre>/.exec(page.text)?.[1];
    expect(shown).toBe('y'.repeat(1024));
    expect(page.text).toContain('id="stdout-truncated"');

    // Its output file replaced by a directory: the job is still shown, with the reason.
    const out = /<code id="stdout-path">([^<]+)<\/code>/.exec(page.text)![1]!;
    rmSync(out);
    mkdirSync(out);
    const again = await alice.request(`/jobs/${q(id)}`);
    expect(again.status).toBe(200);
    expect(again.text).toContain('id="stdout-error"');
    expect(again.text).toContain('id="job-state"');
  });
});
