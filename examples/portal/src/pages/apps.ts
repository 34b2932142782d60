import type { AppSessionStatus } from '@hpckit/apps';
import type { App } from '@hpckit/core';
import { html } from 'hono/html';
import { type AppLabels, fieldLabel } from '../apps-i18n.js';
import { form, type Html, layout, messages, table, type View } from './layout.js';

/** One property of an app form's JSON Schema (`formJsonSchema`), as the page reads it. */
interface FormProperty {
  title?: string;
  description?: string;
  default?: string | number;
  type?: string;
  minimum?: number;
  maximum?: number;
  oneOf?: { const: string; title?: string }[];
}

/** An app's form: its JSON Schema (from the SDK), the values to show, and the site's choices. */
export interface AppFormView {
  app: App;
  schema: { properties: Record<string, FormProperty> };
  values: Readonly<Record<string, string | number>>;
  /** Values a field may take on this site (the accounts the user may charge). */
  choices: Readonly<Record<string, readonly string[]>>;
}

const when = (d: Date, locale: string) => d.toLocaleString(locale, { timeZone: 'Asia/Shanghai' });
const sessionLink = (s: AppSessionStatus) => html`<a href="/apps/${s.id}" data-session="${s.id}">${s.id}</a>`;
const stateOf = (s: AppSessionStatus) => `${s.state.phase} ${s.state.outcome ?? ''}`.trim();

/** The apps the site offers, each with a launch link, and the user's sessions. */
export const appsPage = (
  v: View,
  a: AppLabels,
  apps: readonly App[],
  sessions: readonly AppSessionStatus[],
) =>
  layout(
    v,
    a.apps,
    html`<ul id="apps">${apps.map(
      (app) =>
        html`<li><a href="/apps/new/${app.id}" data-launch="${app.id}">${a.launch} ${app.name}</a>
        <small>${app.description ?? ''}</small></li>`,
    )}</ul>
    <h3>${a.mySessions}</h3>
    ${
      sessions.length
        ? table(
            [a.session, a.app, a.state, a.job, a.created],
            sessions.map((s) => [sessionLink(s), s.appId, stateOf(s), s.jobId, when(s.createdAt, v.locale)]),
            'sessions',
          )
        : html`<p>${a.noSessions}</p>`
    }`,
  );

function input(v: View, name: string, p: FormProperty, value: string, choices?: readonly string[]): Html {
  const options = choices?.map((c) => ({ const: c, title: c })) ?? p.oneOf;
  if (options)
    return html`<select name="${name}">${options.map(
      (o) =>
        html`<option value="${o.const}" ${o.const === value ? 'selected' : ''}>${fieldLabel(v.locale, `${name}=${o.const}`, o.title ?? o.const)}</option>`,
    )}</select>`;
  const numeric = p.type === 'integer' || p.type === 'number';
  // Sent as typed: the SDK's validateForm says what is wrong, in the user's language.
  return html`<input name="${name}" value="${value}" ${numeric ? html`inputmode="numeric"` : ''} />`;
}

/** An app's launch form, generated from its JSON Schema, prefilled with the last values. */
export const appFormPage = (v: View, a: AppLabels, f: AppFormView, errors: readonly string[]) =>
  layout(
    v,
    `${a.newSession}: ${f.app.name}`,
    html`${messages(errors)}
    ${form(
      v,
      `/apps/new/${f.app.id}`,
      html`${Object.entries(f.schema.properties).map(([name, p]) => {
        const range =
          p.minimum !== undefined && p.maximum !== undefined ? ` (${p.minimum}–${p.maximum})` : '';
        return html`<p><label>${fieldLabel(v.locale, name, p.title ?? name)}${range}
          ${input(v, name, p, String(f.values[name] ?? p.default ?? ''), f.choices[name])}</label>
          ${p.description ? html`<small>${p.description}</small>` : ''}</p>`;
      })}
      <button type="submit" id="launch">${a.launch}</button>`,
      html`id="app-form"`,
    )}`,
  );

/** What the session page knows: the session, and where to connect once its server answers. */
export interface SessionView {
  session: AppSessionStatus;
  /** The proxied path to open (no token: the proxy adds it), once the server answers. */
  connect?: string;
}

/** A session: its state, a connect link once ready (reloading until then), cancel while it runs. */
export const sessionPage = (v: View, a: AppLabels, { session, connect }: SessionView) => {
  const ended = session.state.outcome !== undefined;
  const status = ended
    ? html`<p id="session-ended">${a.ended}</p>`
    : connect
      ? html`<p id="session-ready">${a.ready} <a id="connect" href="${connect}">${a.connect}</a></p>`
      : // A plain reload every 2 s: no request waits long, and no script is needed.
        html`<meta http-equiv="refresh" content="2" /><p id="session-starting">${a.starting}</p>`;
  return layout(
    v,
    `${a.session} ${session.id}`,
    html`<dl id="session">
      <dt>${a.app}</dt><dd>${session.appId}</dd>
      <dt>${a.state}</dt><dd id="session-state">${stateOf(session)}</dd>
      <dt>${a.job}</dt><dd><a href="/jobs/${encodeURIComponent(session.jobId)}">${session.jobId}</a></dd>
      <dt>${a.created}</dt><dd>${when(session.createdAt, v.locale)}</dd>
    </dl>
    ${status}
    ${ended ? '' : form(v, `/apps/${session.id}/cancel`, html`<button type="submit" id="cancel-session">${a.cancel}</button>`)}`,
  );
};
