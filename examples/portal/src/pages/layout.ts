import type { Locale } from '@hpckit/core';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Labels } from '../i18n.js';

/** Rendered HTML (hono/html escapes every interpolated value). */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every page knows about its request. */
export interface View {
  t: Labels;
  locale: Locale;
  csrf: string;
  user: string | undefined;
  /** Accounts the user owns or administers (from the ledger's balances). */
  adminOf: readonly string[];
  /** The page's path, where the language switch comes back to. */
  path: string;
}

/** A form posting to `action` with the CSRF token. */
export const form = (v: View, action: string, body: Html, attrs: Html = html``) =>
  html`<form method="post" action="${action}" ${attrs}><input type="hidden" name="_csrf" value="${v.csrf}" />${body}</form>`;

/** The page around every screen: navigation, the language switch, sign-out. */
export function layout(v: View, title: string, body: Html, script?: string): Html {
  const nav = v.user
    ? html`<nav>
        <a href="/dashboard">${v.t.dashboard}</a> · <a href="/jobs/new">${v.t.newJob}</a> ·
        <a href="/jobs">${v.t.jobs}</a> · <a href="/history">${v.t.history}</a> ·
        <a href="/files">${v.t.files}</a> · <a href="/shell">${v.t.shell}</a> · <a href="/apps">${v.t.apps}</a>
        ${v.adminOf.map((a) => html` · <a href="/accounts/${encodeURIComponent(a)}">${v.t.administer} ${a}</a>`)}
        · <strong data-user>${v.user}</strong>
        ${form(v, '/signout', html`<button type="submit">${v.t.signOut}</button>`, html`class="inline"`)}
      </nav>`
    : html``;
  const other = v.locale === 'zh-CN' ? 'en' : 'zh-CN';
  return html`<!doctype html>
<html lang="${v.locale}">
<head>
<meta charset="utf-8" />
<title>${title} · ${v.t.title}</title>
<link rel="stylesheet" href="/static/portal.css" />
${script ? html`<script src="${script}" defer></script>` : ''}
</head>
<body>
<header>
<h1>${v.t.title}</h1>
${nav}
${form(v, '/lang', html`<input type="hidden" name="lang" value="${other}" /><input type="hidden" name="back" value="${v.path}" /><button type="submit" id="lang">${v.t.language}</button>`, html`class="inline"`)}
</header>
<main>
<h2>${title}</h2>
${body}
</main>
</body>
</html>`;
}

/** A table of rows of cells (each escaped unless it is already HTML). */
export const table = (head: readonly string[], rows: readonly (readonly unknown[])[], id: string) =>
  html`<table id="${id}"><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody></table>`;

/** Messages for the user (errors from the SDK, already in their language). */
export const messages = (lines: readonly string[], cls = 'error') =>
  lines.length ? html`<ul class="${cls}">${lines.map((l) => html`<li>${l}</li>`)}</ul>` : html``;
