import { readFileSync } from 'node:fs';
import { formatError, httpStatusOf, isHpckitError, jobSpecFormFields } from '@hpckit/core';
import {
  createSubmissionCheck,
  exportChargesCsv,
  exportPaymentsCsv,
  memberBlockState,
} from '@hpckit/billing/ledger';
import { isWithin } from '@hpckit/remote';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { appProxyHandler, type UpstreamResolver, upstreamResolver } from './app-proxy.js';
import { appRoutes } from './apps.js';
import { fileRoutes, relativeTo } from './files.js';
import { labelsFor, localeOf } from './i18n.js';
import { accountPage } from './pages/account.js';
import { dashboardPage } from './pages/dashboard.js';
import { historyPage } from './pages/history.js';
import { jobFormPage, quoteFragment } from './pages/job-form.js';
import { jobPage, jobsPage } from './pages/jobs.js';
import { type Html, layout, messages, type View } from './pages/layout.js';
import { signinPage } from './pages/signin.js';
import { shellRoutes, shellStyleSrc } from './shell.js';
import { uploadError } from './portal-rules.js';
import { checkForm } from './quote.js';
import type { PortalServices } from './services.js';
import {
  csrfTokenMiddleware,
  endSession,
  type SessionVariables,
  sessionMiddleware,
  startSession,
} from './session.js';

type Env = { Variables: SessionVariables };

const UNFINISHED = ['queued', 'held', 'running', 'suspended', 'completing'] as const;
// The fields of the JobSpec the form shows, in this order; the rest keep the site's defaults.
const FORM_FIELDS = [
  'name',
  'account',
  'partition',
  'nodes',
  'coresPerNode',
  'gpusPerNode',
  'memory.perNode',
  'timeLimit',
  'command',
];
const MiB = 1024 * 1024;
const asset = (name: string) => readFileSync(new URL(`../static/${name}`, import.meta.url), 'utf8');

/** Limits of {@link createPortal}. */
export interface PortalOptions {
  /** Largest upload, in bytes; a bigger request is refused (413) before it is read. @default 8 MiB */
  uploadLimitBytes?: number;
  /** Bytes of a file its preview shows. @default 64 KiB */
  previewBytes?: number;
  /** Bytes of a job's stdout and of its stderr the job page shows. @default 64 KiB */
  outputBytes?: number;
  /**
   * The app proxy's resolver, shared with the WebSocket side (`appProxyUpgrade`) so both check
   * and cache alike. @default a new `upstreamResolver(services)`
   */
  appProxy?: UpstreamResolver;
}

/**
 * The portal as a Hono app: every page is a few calls of `services`, made as the signed-in user
 * (`client.as(user)`, `ledger.as({ user })`, `files(user)`), so what a user may see and do is
 * decided by the SDK.
 */
export function createPortal(s: PortalServices, options: PortalOptions = {}): Hono<Env> {
  const uploadLimit = options.uploadLimitBytes ?? 8 * MiB;
  const outputBytes = options.outputBytes ?? 64 * 1024;
  const app = new Hono<Env>();
  const fields = FORM_FIELDS.map((name) => jobSpecFormFields().find((f) => f.name === name)!);
  const submissionCheck = createSubmissionCheck({ pricing: s.pricing, policy: s.policy, cluster: s.cluster });
  const statics = { 'portal.css': asset('portal.css'), 'quote.js': asset('quote.js') };
  const resolver = options.appProxy ?? upstreamResolver(s);

  // The apps' reverse proxy comes before the portal's own middleware: what it returns are the
  // app's pages (their scripts, their CSP), and it checks the session and the Origin itself.
  app.all('/apps/:session/proxy', appProxyHandler(resolver));
  app.all('/apps/:session/proxy/*', appProxyHandler(resolver));

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", shellStyleSrc],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(csrf());
  app.use(sessionMiddleware(s.secret));
  // Before the CSRF check reads the body: an upload over the limit is refused unread.
  app.use(
    '/files/upload',
    bodyLimit({
      maxSize: uploadLimit,
      onError: async (c) => {
        const v = await view(c as Context<Env>);
        const text = formatError(uploadError('upload_too_big', String(uploadLimit / MiB)), {
          locale: v.locale,
        });
        return c.html(layout(v, v.t.error, messages([text])), 413);
      },
    }),
  );
  app.use(csrfTokenMiddleware());

  const view = async (c: Context<Env>): Promise<View> => {
    const { user, csrf: token } = c.get('session');
    const locale = localeOf(getCookie(c, 'lang'));
    const adminOf = user
      ? (await s.ledger.as({ user }).balances())
          .filter((b) => b.role === 'owner' || b.role === 'admin')
          .map((b) => b.account)
      : [];
    return { t: labelsFor(locale), locale, csrf: token, user, adminOf, path: c.req.path };
  };
  const userOf = (c: Context<Env>) => c.get('session').user!;
  const formValues = async (c: Context<Env>) => {
    const body = await c.req.parseBody();
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k !== '_csrf' && typeof v === 'string') values[k] = v;
    return values;
  };

  app.onError(async (err, c) => {
    // hono's own refusals (hono/csrf's 403 for a foreign Origin) keep their status.
    if (err instanceof HTTPException) return err.getResponse();
    const v = await view(c).catch(() => undefined);
    const locale = v?.locale ?? 'en';
    // A typed SDK error says what was wrong in the user's language; anything else is not shown.
    const text = isHpckitError(err) ? formatError(err, { locale }) : 'Internal error';
    // 4xx for what the user got wrong or may not do; 5xx (a scheduler, a connection, a bug) is logged.
    const status = httpStatusOf(err) as ContentfulStatusCode;
    if (status >= 500) process.stderr.write(`portal: ${err.stack ?? err}\n`);
    if (!v) return c.text(text, status);
    return c.html(layout(v, v.t.error, messages([text])), status);
  });

  app.get('/static/:name', (c) => {
    const name = c.req.param('name') as keyof typeof statics;
    if (!Object.hasOwn(statics, name)) return c.notFound();
    c.header('content-type', name.endsWith('.css') ? 'text/css' : 'text/javascript');
    return c.body(statics[name]);
  });

  app.post('/lang', async (c) => {
    const { lang, back = '' } = await formValues(c);
    setCookie(c, 'lang', localeOf(lang), { httpOnly: true, sameSite: 'Lax', path: '/' });
    // Back to the page the switch was on: a path of this portal only, never another site.
    return c.redirect(/^\/(?![/\\])[\w./%-]*$/.test(back) ? back : '/');
  });

  app.get('/signin', async (c) => c.html(signinPage(await view(c))));
  app.post('/signin', async (c) => {
    const { name = '', password = '' } = await formValues(c);
    const user = await s.authenticator.authenticate({ name, password });
    if (!user) {
      const v = await view(c);
      return c.html(signinPage(v, v.t.unknownUser), 401);
    }
    await startSession(c, s.secret, user);
    return c.redirect('/dashboard');
  });
  app.post('/signout', (c) => {
    endSession(c);
    return c.redirect('/signin');
  });

  // Everything below needs a signed-in user.
  app.use('*', async (c, next) => {
    if (!c.get('session').user) return c.redirect('/signin');
    return next();
  });
  const page = (c: Context<Env>, html: Html, status: 200 | 400 | 409 = 200) => c.html(html, status);

  app.get('/', (c) => c.redirect('/dashboard'));
  app.get('/dashboard', async (c) => {
    const user = userOf(c);
    const [v, accounts, unfinished] = await Promise.all([
      view(c),
      s.ledger.as({ user }).balances(),
      s.client.as(user).jobs.list({ users: [user], states: [...UNFINISHED] }),
    ]);
    return page(c, dashboardPage(v, accounts, unfinished.jobs));
  });

  const formPage = async (
    c: Context<Env>,
    values: Record<string, string>,
    errors: string[],
    status?: 400 | 409,
  ) => {
    const user = userOf(c);
    const v = await view(c);
    const accounts = (await s.ledger.as({ user }).balances()).map((b) => b.account);
    const choices = { account: accounts, partition: s.site.cluster.partitions.map((p) => p.name) };
    return page(c, jobFormPage(v, fields, values, choices, errors), status);
  };
  app.get('/jobs/new', async (c) =>
    formPage(
      c,
      {
        partition: String(s.site.resourcePolicy.defaultPartition ?? ''),
        nodes: '1',
        coresPerNode: '1',
        timeLimit: '1h',
        command: 'sleep 10m',
      },
      [],
    ),
  );
  app.post('/jobs/quote', async (c) => {
    const v = await view(c);
    return c.html(
      quoteFragment(v, await checkForm(s, submissionCheck, userOf(c), await formValues(c), v.locale)),
    );
  });
  app.post('/jobs', async (c) => {
    const values = await formValues(c);
    const { locale } = await view(c);
    const checked = await checkForm(s, submissionCheck, userOf(c), values, locale);
    if (!checked.spec || checked.problems.length > 0) return formPage(c, values, [...checked.problems], 409);
    const handle = await s.client.as(userOf(c)).jobs.submit(checked.spec);
    return c.redirect(`/jobs/${encodeURIComponent(handle.id)}`);
  });
  app.get('/jobs', async (c) => {
    const { jobs } = await s.client.as(userOf(c)).jobs.list({ states: [...UNFINISHED] });
    return page(c, jobsPage(await view(c), jobs));
  });

  // A job the user may not see is NOT_FOUND from the SDK, worded like an unknown id.
  // Its output is read through the handle, as the user, from the files the job wrote.
  app.get('/jobs/:id', async (c) => {
    const v = await view(c);
    const handle = await s.client.as(userOf(c)).jobs.handle(c.req.param('id'));
    const job = handle.job;
    const home = await s.files(userOf(c)).home();
    const read = (stream: 'stdout' | 'stderr') =>
      handle.output({ stream, maxBytes: outputBytes }).catch((err: unknown) => {
        // An account admin sees a member's job but may not read the member's files (over SFTP as
        // themselves): the page still shows the job, and says why its output is not shown.
        if (httpStatusOf(err) >= 500) throw err;
        return { stream, error: formatError(err as Error, { locale: v.locale }) };
      });
    const [stdout, stderr] = await Promise.all([read('stdout'), read('stderr')]);
    // One file for both streams (Slurm's default): shown once.
    const same = 'path' in stdout && 'path' in stderr && stdout.path === stderr.path;
    const dir =
      job.workingDirectory && isWithin(home, job.workingDirectory) ? job.workingDirectory : undefined;
    return page(
      c,
      jobPage(v, job, [], {
        outputs: same ? [stdout] : [stdout, stderr],
        directory: dir && relativeTo(home, dir),
      }),
    );
  });
  app.post('/jobs/:id/cancel', async (c) => {
    await s.client.as(userOf(c)).jobs.cancel(c.req.param('id'));
    return c.redirect(`/jobs/${encodeURIComponent(c.req.param('id'))}`);
  });
  app.post('/jobs/:id/time-limit', async (c) => {
    const { timeLimit = '' } = await formValues(c);
    await s.client.as(userOf(c)).jobs.updateTimeLimit(c.req.param('id'), { set: timeLimit });
    return c.redirect(`/jobs/${encodeURIComponent(c.req.param('id'))}`);
  });

  app.route(
    '/files',
    fileRoutes({ services: s, view, uploadLimit, previewBytes: options.previewBytes ?? 64 * 1024 }),
  );

  app.route('/shell', shellRoutes(view));
  app.route('/apps', appRoutes({ services: s, view, resolver }));

  app.get('/history', async (c) => {
    const history = await s.ledger.as({ user: userOf(c) }).jobCosts({ limit: 100 });
    return page(c, historyPage(await view(c), history));
  });

  // Account administration: the ledger refuses (PERMISSION_DENIED) anyone but the account's owner
  // and admins, finance and platform staff.
  app.get('/accounts/:account', async (c) => {
    const account = c.req.param('account');
    const admin = s.ledger.as({ user: userOf(c) });
    const [members, charges, payments] = await Promise.all([
      admin.listMembers(account),
      admin.charges({ account }),
      admin.payments({ account }),
    ]);
    const now = s.ledger.now();
    const rows = members.map((member) => ({
      member,
      block: memberBlockState(member, now, s.ledger.timeZone),
    }));
    return page(
      c,
      accountPage(await view(c), {
        account,
        members: rows,
        charges: charges.items,
        payments: payments.items,
        timeZone: s.ledger.timeZone,
      }),
    );
  });
  const back = (c: Context<Env>, account: string) => c.redirect(`/accounts/${encodeURIComponent(account)}`);
  app.post('/accounts/:account/members', async (c) => {
    const account = c.req.param('account');
    const { user = '' } = await formValues(c);
    await s.ledger.as({ user: userOf(c) }).addMember(account, { user: user.trim() });
    return back(c, account);
  });
  app.post('/accounts/:account/members/:user/:action', async (c) => {
    const { account, user, action } = c.req.param();
    const admin = s.ledger.as({ user: userOf(c) });
    const form = await formValues(c);
    if (action === 'limit') {
      const amount = (form.amount ?? '').trim();
      if (amount === '') await admin.cancelSpendingLimit(account, user);
      else await admin.setSpendingLimit(account, user, { amount });
    } else if (action === 'role') await admin.setMemberRole(account, user, form.role as 'admin' | 'member');
    else if (action === 'block') await admin.blockMember(account, user);
    else if (action === 'unblock') await admin.unblockMember(account, user);
    else if (action === 'remove') await admin.removeMember(account, user);
    else return c.notFound();
    return back(c, account);
  });
  // CSV for Excel on Chinese Windows: a BOM, times in the ledger's zone.
  const csv = (c: Context<Env>, name: string, text: string) => {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${name}.csv"`);
    return c.body(text);
  };
  const csvOptions = { timeZone: s.ledger.timeZone, bom: true };
  app.get('/accounts/:account/charges.csv', async (c) => {
    const account = c.req.param('account');
    const text = await exportChargesCsv(s.ledger, { user: userOf(c) }, { account }, csvOptions);
    return csv(c, `charges-${account}`, text);
  });
  app.get('/accounts/:account/payments.csv', async (c) => {
    const account = c.req.param('account');
    const text = await exportPaymentsCsv(s.ledger, { user: userOf(c) }, { account }, csvOptions);
    return csv(c, `payments-${account}`, text);
  });

  return app;
}
