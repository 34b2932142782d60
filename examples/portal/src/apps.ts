import { formJsonSchema } from '@hpckit/apps';
import { formatError, httpStatusOf, isHpckitError } from '@hpckit/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UpstreamResolver } from './app-proxy.js';
import { appLabelsFor } from './apps-i18n.js';
import { type AppFormView, appFormPage, appsPage, sessionPage } from './pages/apps.js';
import type { View } from './pages/layout.js';
import type { PortalServices } from './services.js';
import type { SessionVariables } from './session.js';

type Env = { Variables: SessionVariables };

/** What the apps routes need of the portal around them. */
export interface AppRouteDeps {
  services: PortalServices;
  view(c: Context<Env>): Promise<View>;
  /** The proxy's resolver, told when a session is cancelled. */
  resolver: UpstreamResolver;
  /** How long the session page waits for the server to answer before it reloads itself, in ms. @default 1500 */
  readyWaitMs?: number;
}

/**
 * The apps screens: the apps the site offers, a launch form per app (its JSON Schema from the
 * SDK), the user's sessions, a session page that reloads until the server answers, connect
 * (through the proxy) and cancel. Every call is `apps(user)`, the SDK's sessions of the signed-in
 * user: another user's session id is NOT_FOUND, as an unknown one.
 */
export function appRoutes(d: AppRouteDeps): Hono<Env> {
  const s = d.services;
  const app = new Hono<Env>();
  const userOf = (c: Context<Env>) => c.get('session').user!;
  const sessionsOf = (c: Context<Env>) => s.apps(userOf(c));

  app.get('/', async (c) => {
    const sessions = sessionsOf(c);
    const v = await d.view(c);
    return c.html(appsPage(v, appLabelsFor(v.locale), sessions.registry.list(), await sessions.list()));
  });

  const formPage = async (
    c: Context<Env>,
    appId: string,
    values: AppFormView['values'] | undefined,
    errors: string[] = [],
    status: ContentfulStatusCode = 200,
  ) => {
    const sessions = sessionsOf(c);
    const definition = sessions.registry.get(appId);
    const [v, last, balances] = await Promise.all([
      d.view(c),
      values ? undefined : sessions.lastForm(appId),
      s.ledger.as({ user: userOf(c) }).balances(),
    ]);
    const view: AppFormView = {
      app: definition,
      schema: formJsonSchema(definition) as AppFormView['schema'],
      values: values ?? last ?? {},
      choices: { account: balances.map((b) => b.account) },
    };
    return c.html(appFormPage(v, appLabelsFor(v.locale), view, errors), status);
  };

  app.get('/new/:app', (c) => formPage(c, c.req.param('app'), undefined));
  app.post('/new/:app', async (c) => {
    const appId = c.req.param('app');
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(await c.req.parseBody()))
      if (k !== '_csrf' && typeof v === 'string') values[k] = v;
    try {
      // The SDK validates the form (every bad field at form.<name>) and maps it to the job.
      const session = await sessionsOf(c).create(appId, values);
      return c.redirect(`/apps/${session.id}`);
    } catch (err) {
      const status = httpStatusOf(err);
      if (!isHpckitError(err) || status >= 500) throw err;
      const { locale } = await d.view(c);
      return formPage(c, appId, values, [formatError(err, { locale })], status as ContentfulStatusCode);
    }
  });

  app.get('/:id', async (c) => {
    const sessions = sessionsOf(c);
    let session = await sessions.get(c.req.param('id'));
    let connect: string | undefined;
    if (session.state.outcome === undefined) {
      try {
        const ready = await sessions.waitReady(session, { timeoutMs: d.readyWaitMs ?? 1500 });
        // The path only: the proxy adds the token, which never reaches the browser.
        connect = new URL(ready.connection.url).pathname;
      } catch (err) {
        if (isHpckitError(err, 'INTERNAL')) session = await sessions.get(session.id);
        else if (!isHpckitError(err, 'TIMEOUT')) throw err;
      }
    }
    const v = await d.view(c);
    return c.html(sessionPage(v, appLabelsFor(v.locale), { session, ...(connect && { connect }) }));
  });

  app.post('/:id/cancel', async (c) => {
    const sessions = sessionsOf(c);
    const session = await sessions.get(c.req.param('id'));
    await sessions.cancel(session);
    d.resolver.forget(session.id);
    return c.redirect(`/apps/${session.id}`);
  });

  return app;
}
