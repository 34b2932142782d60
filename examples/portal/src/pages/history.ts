import type { JobCostPage } from '@hpckit/billing/ledger';
import { html } from 'hono/html';
import { type Html, layout, table, type View } from './layout.js';

/** Job history with each job's cost (or why it is still pending) and the totals of the range. */
export const historyPage = (v: View, page: JobCostPage): Html =>
  layout(
    v,
    v.t.history,
    html`${table(
      [v.t.job, v.t.user, v.t.account, v.t.state, v.t.cost],
      page.items.map((j) => [
        j.jobId,
        j.user ?? '',
        j.account ?? '',
        j.job?.state.outcome ?? '',
        j.cost === undefined ? `${v.t.pending} (${j.pendingStatus})` : `${j.cost} ${j.currency}`,
      ]),
      'history',
    )}
    <p id="totals">${v.t.total}: ${
      Object.entries(page.totals)
        .map(([cur, amount]) => `${amount} ${cur}`)
        .join(', ') || '0'
    }</p>`,
  );
