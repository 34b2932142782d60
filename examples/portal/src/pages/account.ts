import {
  type ChargeRecord,
  formatZoned,
  type MemberBlockState,
  type MemberRecord,
} from '@hpckit/billing/ledger';
import type { Payment } from '@hpckit/core';
import { html } from 'hono/html';
import { form, type Html, layout, table, type View } from './layout.js';

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
  )}
  ${
    m.role === 'owner'
      ? ''
      : html`${form(
          v,
          `${base}/role`,
          html`<select name="role" aria-label="${v.t.role} ${m.user}">${(['member', 'admin'] as const).map(
            (r) => html`<option value="${r}" ${r === m.role ? 'selected' : ''}>${r}</option>`,
          )}</select>
          <button type="submit" data-set-role="${m.user}">${v.t.setRole}</button>`,
          html`class="inline"`,
        )}
        ${form(v, `${base}/remove`, html`<button type="submit" data-remove="${m.user}">${v.t.remove}</button>`, html`class="inline"`)}`
  }`;
};

/** What the account page shows. */
export interface AccountData {
  account: string;
  members: readonly MemberRow[];
  /** The last 7 days' charges (the ledger's default range). */
  charges: readonly ChargeRecord[];
  /** The last year's payments (the ledger's default range). */
  payments: readonly Payment[];
  /** The ledger's time zone: times are shown in it, with their offset. */
  timeZone: string;
}

/** An account's administration: members (roles, limits, used, blocks), charges and payments. */
export const accountPage = (v: View, { account, members, charges, payments, timeZone }: AccountData): Html =>
  layout(
    v,
    `${v.t.administer} ${account}`,
    html`<h3>${v.t.members}</h3>
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
    ${form(
      v,
      `/accounts/${encodeURIComponent(account)}/members`,
      html`<input name="user" aria-label="${v.t.user}" required />
      <button type="submit" id="add-member">${v.t.addMember}</button>`,
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
    )}
    <h3>${v.t.payments}</h3>
    <p><a id="export-payments" href="/accounts/${encodeURIComponent(account)}/payments.csv">${v.t.exportCsv}</a></p>
    ${table(
      [v.t.time, v.t.kind, v.t.type, v.t.amount],
      payments.map((p) => [formatZoned(p.time, timeZone), p.kind, p.type, `${p.amount} ${p.currency}`]),
      'payments',
    )}`,
  );
