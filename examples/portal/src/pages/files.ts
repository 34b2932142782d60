import type { FileEntry } from '@hpckit/remote';
import { html } from 'hono/html';
import { form, type Html, layout, messages, table, type View } from './layout.js';

/** A directory of the user's home as the portal shows it: paths relative to the home. */
export interface DirectoryView {
  /** The directory, relative to the home (`.` for the home itself). */
  path: string;
  /** The parent directory, relative to the home; undefined at the home. */
  parent: string | undefined;
  entries: readonly (FileEntry & { relative: string })[];
  /** Largest upload accepted, in bytes. */
  uploadLimit: number;
}

const q = (path: string) => encodeURIComponent(path);
const filesLink = (path: string) => `/files?path=${q(path)}`;
const viewLink = (path: string) => `/files/view?path=${q(path)}`;

/** A directory: its entries (folders open, files preview), upload into it. */
export const filesPage = (v: View, d: DirectoryView, errors: readonly string[] = []): Html =>
  layout(
    v,
    `${v.t.files}: ~/${d.path === '.' ? '' : d.path}`,
    html`${messages(errors)}
    <p><a id="shell-here" href="/shell?cwd=${q(d.path)}">${v.t.shellHere}</a></p>
    ${d.parent === undefined ? '' : html`<p><a id="up" href="${filesLink(d.parent)}">${v.t.parentDir}</a></p>`}
    ${table(
      [v.t.name, v.t.size, v.t.modified],
      d.entries.map((e) => [
        e.type === 'directory'
          ? html`<a href="${filesLink(e.relative)}">${e.name}/</a>`
          : html`<a href="${viewLink(e.relative)}">${e.name}</a>${e.type === 'symlink' ? ' →' : ''}`,
        e.type === 'directory' ? '' : String(e.size),
        `${e.mtime.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
      ]),
      'files',
    )}
    ${form(
      v,
      '/files/upload',
      html`<input type="hidden" name="dir" value="${d.path}" />
      <label>${v.t.upload} <input type="file" name="file" id="upload-file" /></label>
      <button type="submit" id="upload">${v.t.upload}</button>
      <small>(${v.t.atMost} ${Math.floor(d.uploadLimit / 1024 / 1024)} MiB)</small>`,
      html`enctype="multipart/form-data"`,
    )}`,
  );

/** One file: its head, download, rename, delete, and submit as a job when it is a script. */
export interface FileView {
  /** The file, relative to the home. */
  path: string;
  /** Its directory, relative to the home. */
  dir: string;
  name: string;
  size: number;
  /** The first bytes as text, or undefined when they are not text. */
  text: string | undefined;
  truncated: boolean;
  /** Accounts the user may submit to. */
  accounts: readonly string[];
}

export const filePage = (v: View, f: FileView, errors: readonly string[] = []): Html =>
  layout(
    v,
    `${v.t.file}: ~/${f.path}`,
    html`${messages(errors)}
    <p><a href="${filesLink(f.dir)}">${v.t.backToDir}</a> ·
    <a id="download" href="/files/download?path=${q(f.path)}">${v.t.download}</a> · ${f.size} B</p>
    ${
      f.text === undefined
        ? html`<p id="preview-none">${v.t.notText}</p>`
        : html`<pre id="preview">${f.text}</pre>${f.truncated ? html`<p id="preview-truncated">${v.t.truncated}</p>` : ''}`
    }
    ${form(
      v,
      '/files/submit',
      html`<input type="hidden" name="path" value="${f.path}" />
      <label>${v.t.account} <select name="account"><option value="">${v.t.fromScript}</option>${f.accounts.map((a) => html`<option>${a}</option>`)}</select></label>
      <button type="submit" id="submit-script">${v.t.submitScript}</button>`,
    )}
    ${form(
      v,
      '/files/rename',
      html`<input type="hidden" name="path" value="${f.path}" />
      <label>${v.t.newName} <input name="to" value="${f.name}" /></label>
      <button type="submit" id="rename">${v.t.rename}</button>`,
    )}
    ${form(
      v,
      '/files/delete',
      html`<input type="hidden" name="path" value="${f.path}" /><button type="submit" id="delete">${v.t.delete}</button>`,
    )}`,
  );
