import type { BalanceLine } from '@hpckit/billing/ledger';
import { formatDuration, type Job } from '@hpckit/core';
import { html } from 'hono/html';
import { type Html, layout, table, type View } from './layout.js';

/** Whether a balance line may run jobs, in words. */
const blockText = (v: View, line: Pick<BalanceLine, 'accountBlock' | 'memberBlock'>) =>
  line.accountBlock.blocked || line.memberBlock.blocked
    ? `${v.t.blocked} (${line.accountBlock.reason ?? line.memberBlock.reason})`
    : v.t.ok;

/** Jobs as a table with a link to each. */
export const jobTable = (v: View, jobs: readonly Job[], id: string) =>
  jobs.length === 0
    ? html`<p>${v.t.noJobs}</p>`
    : table(
        [v.t.job, v.t.name, v.t.user, v.t.account, v.t.state, v.t.cores, v.t.elapsed],
        jobs.map((j) => [
          html`<a href="/jobs/${encodeURIComponent(j.id)}">${j.id}</a>`,
          j.name,
          j.user,
          j.account ?? '',
          j.state.phase,
          j.requested.cores ?? '',
          formatDuration(j.elapsedSeconds),
        ]),
        id,
      );

/** The dashboard: the user's accounts with balances and limits, their unfinished jobs. */
export const dashboardPage = (v: View, accounts: readonly BalanceLine[], unfinished: readonly Job[]): Html =>
  layout(
    v,
    v.t.dashboard,
    html`<h3>${v.t.accounts}</h3>
    ${table(
      [v.t.account, v.t.role, v.t.balance, v.t.limit, v.t.used, v.t.left, v.t.state],
      accounts.map((a) => [
        a.account,
        a.role,
        `${a.balance} ${a.currency}`,
        a.limit ? a.limit.amount : v.t.none,
        a.used ?? '—',
        a.remaining ?? '—',
        blockText(v, a),
      ]),
      'balances',
    )}
    <h3>${v.t.unfinished}</h3>
    ${jobTable(v, unfinished, 'unfinished')}`,
  );
