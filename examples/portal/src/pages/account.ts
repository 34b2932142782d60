import type { ChargeRecord, MemberBlockState, MemberRecord } from '@hpckit/billing/ledger';
import { html } from 'hono/html';
import { form, type Html, layout, messages, table, type View } from './layout.js';

/** A member with the block state the ledger computes for now. */
export interface MemberRow {
  member: MemberRecord;
  block: MemberBlockState;
}

const memberActions = (v: View, account: string, m: MemberRecord, blockedByAdmin: boolean) => {
  const base = `/accounts/${encodeURIComponent(account)}/members/${encodeURIComponent(m.user)}`;
  return html`${form(
    v,
    `${base}/limit`,
    html`<input name="amount" size="8" value="${m.limit?.amount ?? ''}" aria-label="${v.t.limit} ${m.user}" />
    <button type="submit" data-set-limit="${m.user}">${v.t.setLimit}</button>`,
    html`class="inline"`,
  )}
  ${form(
    v,
    `${base}/${blockedByAdmin ? 'unblock' : 'block'}`,
    html`<button type="submit" data-block="${m.user}">${blockedByAdmin ? v.t.unblock : v.t.block}</button>`,
    html`class="inline"`,
  )}`;
};

/** An account's administration: members (limits, used, blocks) and the last 7 days' charges. */
export const accountPage = (
  v: View,
  account: string,
  members: readonly MemberRow[],
  charges: readonly ChargeRecord[],
  errors: readonly string[],
): Html =>
  layout(
    v,
    `${v.t.administer} ${account}`,
    html`${messages(errors)}
    <h3>${v.t.members}</h3>
    ${table(
      [v.t.user, v.t.role, v.t.limit, v.t.used, v.t.state, ''],
      members.map(({ member: m, block }) => [
        m.user,
        m.role,
        m.limit?.amount ?? v.t.none,
        m.used,
        html`<span data-state="${m.user}">${block.blocked ? `${v.t.blocked} (${block.reason})` : v.t.ok}</span>`,
        memberActions(v, account, m, m.state === 'blocked'),
      ]),
      'members',
    )}
    <h3>${v.t.charges}</h3>
    <p><a id="export" href="/accounts/${encodeURIComponent(account)}/charges.csv">${v.t.exportCsv}</a></p>
    ${table(
      [v.t.time, v.t.user, v.t.job, v.t.kind, v.t.amount],
      charges.map((c) => [
        c.time.toISOString(),
        c.user ?? '',
        c.job?.jobId ?? '',
        c.kind,
        `${c.amount} ${c.currency}`,
      ]),
      'charges',
    )}`,
  );
