import { posix } from 'node:path';
import { Readable } from 'node:stream';
import {
  attachmentDisposition,
  type FileSystem,
  isWithin,
  resolveWithin,
  scriptFileJob,
} from '@hpckit/remote';
import { type Context, Hono } from 'hono';
import { filePage, filesPage } from './pages/files.js';
import { uploadError } from './portal-rules.js';
import type { Html, View } from './pages/layout.js';
import type { PortalServices } from './services.js';
import type { SessionVariables } from './session.js';

type Env = { Variables: SessionVariables };

/** What the file routes need of the portal around them. */
export interface FileRouteDeps {
  services: PortalServices;
  view(c: Context<Env>): Promise<View>;
  /** Largest upload accepted, in bytes (the portal's body limit enforces it). */
  uploadLimit: number;
  /** Bytes of a file shown in its preview. */
  previewBytes: number;
}

/** A path of the signed-in user's home: `path` is relative to it, and may not leave it. */
interface HomePath {
  fs: FileSystem;
  home: string;
  /** Absolute, checked by `resolveWithin` (lexically: symlinks are followed as the file system does). */
  abs: string;
  /** Relative to the home, `.` for the home itself. */
  rel: string;
}

/** The user's file system and `path` (relative to their home) checked to stay within it. */
async function homePath(s: PortalServices, user: string, path: string): Promise<HomePath> {
  const fs = s.files(user);
  const home = await fs.home();
  // resolveWithin refuses `..` above the home and absolute paths elsewhere (another user's home).
  const abs = resolveWithin(home, path === '' ? '.' : path);
  return { fs, home, abs, rel: relativeTo(home, abs)! };
}

/** `abs` relative to `home` (`.` for the home), or undefined when it lies outside. */
export const relativeTo = (home: string, abs: string) =>
  isWithin(home, abs) ? posix.relative(home, abs) || '.' : undefined;

// A NUL among the first bytes: not text (what `file` and git judge by too).
const asText = (bytes: Buffer) => (bytes.includes(0) ? undefined : bytes.toString('utf8'));

/** Routes of the user's files: list, preview, download, upload, rename, delete, submit a script. */
export function fileRoutes(d: FileRouteDeps): Hono<Env> {
  const s = d.services;
  const app = new Hono<Env>();
  const userOf = (c: Context<Env>) => c.get('session').user!;
  const at = (c: Context<Env>, path: string | undefined) => homePath(s, userOf(c), path ?? '.');
  const field = async (c: Context<Env>, name: string) => {
    const v = (await c.req.parseBody())[name];
    return typeof v === 'string' ? v : '';
  };
  const toDir = (c: Context<Env>, rel: string) => c.redirect(`/files?path=${encodeURIComponent(rel)}`);
  const toFile = (c: Context<Env>, rel: string) => c.redirect(`/files/view?path=${encodeURIComponent(rel)}`);
  const page = (c: Context<Env>, body: Html) => c.html(body);

  app.get('/', async (c) => {
    const p = await at(c, c.req.query('path'));
    const entries = (await p.fs.list(p.abs)).map((e) => ({ ...e, relative: relativeTo(p.home, e.path)! }));
    const parent = p.rel === '.' ? undefined : relativeTo(p.home, posix.dirname(p.abs));
    return page(c, filesPage(await d.view(c), { path: p.rel, parent, entries, uploadLimit: d.uploadLimit }));
  });

  app.get('/view', async (c) => {
    const p = await at(c, c.req.query('path'));
    if ((await p.fs.stat(p.abs)).type === 'directory') return toDir(c, p.rel);
    const user = userOf(c);
    const [preview, balances] = await Promise.all([
      p.fs.preview(p.abs, { maxBytes: d.previewBytes }),
      s.ledger.as({ user }).balances(),
    ]);
    return page(
      c,
      filePage(await d.view(c), {
        path: p.rel,
        dir: relativeTo(p.home, posix.dirname(p.abs))!,
        name: posix.basename(p.abs),
        size: preview.size,
        text: asText(preview.content),
        truncated: preview.truncated,
        accounts: balances.map((b) => b.account),
      }),
    );
  });

  app.get('/download', async (c) => {
    const p = await at(c, c.req.query('path'));
    // Opening refuses what is not a regular file (a directory, a FIFO) with a typed error.
    const stream = await p.fs.createReadStream(p.abs);
    c.header('content-type', 'application/octet-stream');
    c.header('content-disposition', attachmentDisposition(posix.basename(p.abs)));
    return c.body(Readable.toWeb(stream) as ReadableStream);
  });

  app.post('/upload', async (c) => {
    const body = await c.req.parseBody();
    const dir = await at(c, typeof body.dir === 'string' ? body.dir : '.');
    const file = body.file;
    if (!(file instanceof File) || file.name === '') throw uploadError('no_file_chosen');
    // The browser's file name is the user's: checked to stay in the directory like any path.
    const target = resolveWithin(dir.abs, file.name);
    await dir.fs.writeFile(target, new Uint8Array(await file.arrayBuffer()), { exclusive: true });
    return toDir(c, dir.rel);
  });

  app.post('/rename', async (c) => {
    const p = await at(c, await field(c, 'path'));
    // The new name is relative to the file's directory, and stays within it.
    const to = resolveWithin(posix.dirname(p.abs), await field(c, 'to'));
    await p.fs.rename(p.abs, to);
    return toFile(c, relativeTo(p.home, to)!);
  });

  app.post('/delete', async (c) => {
    const p = await at(c, await field(c, 'path'));
    if (p.rel === '.') return toDir(c, '.');
    await p.fs.delete(p.abs);
    return toDir(c, relativeTo(p.home, posix.dirname(p.abs))!);
  });

  app.post('/submit', async (c) => {
    const p = await at(c, await field(c, 'path'));
    const account = await field(c, 'account');
    // The script's #SBATCH directives are read by the SDK (core's sbatch model), as sbatch would.
    const spec = await scriptFileJob(p.fs, p.abs, account ? { account } : {});
    const handle = await s.client.as(userOf(c)).jobs.submit(spec);
    return c.redirect(`/jobs/${encodeURIComponent(handle.id)}`);
  });

  return app;
}
