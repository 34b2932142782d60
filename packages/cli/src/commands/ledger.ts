import { writeFileSync } from 'node:fs';
import { createJobSync, exportChargesCsv, exportPaymentsCsv, type Ledger } from '@hpckit/billing/ledger';
import type { Charge, Payment } from '@hpckit/core';
import type { Command } from 'commander';
import { table } from '../output/io.js';
import { clusterName, pricingOf, requireSite, siteOf } from '@hpckit/site';
import { openLedger } from '@hpckit/site';
import { action, type CommandEnv, type RunState } from './env.js';
import { examples } from './help.js';
import { clusterOf } from './cluster-of.js';
import { instantOf } from './time-range.js';

async function ledgerOf(env: CommandEnv) {
  const { config } = env.config();
  const name = clusterName(config, env.options.cluster);
  const open = await openLedger(config, env.options.as, siteOf(name, config.clusters[name]!));
  env.onClose(() => open.close());
  return { ...open, view: open.ledger.as(open.actor) };
}

interface RangeFlags {
  account?: string;
  user?: string[];
  from?: string;
  to?: string;
  limit: string;
}

const rangeOf = (ledger: Ledger, flags: RangeFlags) => {
  const now = ledger.now();
  const from = instantOf('from', flags.from, now);
  const to = instantOf('to', flags.to, now);
  return {
    ...(flags.account ? { account: flags.account } : {}),
    ...(flags.user ? { users: flags.user } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
};

const withRange = (command: Command, span: string) =>
  command
    .option('-A, --account <account>', 'only this account')
    .option('-u, --user <users...>', 'only these users')
    .option('--from <when>', `start: a date (2026-01-01) or a span back (7d); default ${span} ago`)
    .option('--to <when>', 'end: a date or a span back; default now')
    .option('-n, --limit <n>', 'at most this many rows', '50');

type Entry = (Charge | Payment) & { user?: string; job?: { jobId: string } };

const entryJson = (e: Entry) => ({
  id: e.id,
  account: e.account,
  ...(e.user ? { user: e.user } : {}),
  kind: e.kind,
  ...(e.type ? { type: e.type } : {}),
  amount: e.amount,
  currency: e.currency,
  time: e.time.toISOString(),
  ...(e.job ? { jobId: e.job.jobId } : {}),
  ...(e.comment ? { comment: e.comment } : {}),
});

// The input without its absent fields: with exact optional types, an option not given is absent, not undefined.
function defined<T extends Record<string, unknown>>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}

// What a payment or a manual charge did, as JSON and as a line.
function changed(
  done: 'payment' | 'charge',
  account: string,
  entry: { id: string; currency: string },
  balance: string,
) {
  return {
    json: { done, account, id: entry.id, balance },
    text: `${done} ${entry.id}: ${account} now holds ${balance} ${entry.currency}\n`,
  };
}

/** `hpckit ledger …`. */
export function ledgerCommand(program: Command, state: RunState): void {
  const ledger = program
    .command('ledger')
    .description('balances, payments, charges, limits and blocks in the ledger store of the config');

  ledger
    .command('balance')
    .description("a user's accounts: balance, role, block state and what is left of their limit")
    .argument(
      '[user]',
      'whose (finance and platform admins may ask for anyone); default: the --as user or the config actor',
    )
    .addHelpText('after', examples(['hpckit ledger balance', 'hpckit --as alice ledger balance --json']))
    .action(
      action(state, async (env, user: string | undefined) => {
        const { view, actor } = await ledgerOf(env);
        const lines = await view.balances(user ?? actor.user);
        const json = {
          lines: lines.map((l) => ({
            account: l.account,
            balance: l.balance,
            currency: l.currency,
            role: l.role,
            blocked: l.accountBlock.blocked || l.memberBlock.blocked,
            ...(l.remaining !== undefined ? { remaining: l.remaining } : {}),
          })),
        };
        const text = table(
          ['account', 'balance', 'role', 'blocked', 'limit left'],
          json.lines.map((l) => [
            l.account,
            `${l.balance} ${l.currency}`,
            l.role,
            l.blocked ? 'yes' : 'no',
            l.remaining,
          ]),
        );
        return { json, text };
      }),
    );

  ledger
    .command('pay')
    .description('record a payment (a recharge) to an account (finance, platform admin)')
    .argument('<account>', 'account')
    .argument('<amount>', 'exact decimal amount, e.g. 5000 or 12.50')
    .option('--type <type>', 'payment type, e.g. "bank transfer"', 'payment')
    .option('--comment <text>', 'comment')
    .addHelpText('after', examples(['hpckit ledger pay chem 50000 --type "bank transfer"']))
    .action(
      action(
        state,
        async (env, account: string, amount: string, opts: { type: string; comment?: string }) => {
          const { view } = await ledgerOf(env);
          const r = await view.recordPayment(
            account,
            defined({ amount, type: opts.type, comment: opts.comment }),
          );
          return changed('payment', account, r.payment, r.account.balance);
        },
      ),
    );

  ledger
    .command('charge')
    .description('charge an account by hand, e.g. for storage (finance, platform admin)')
    .argument('<account>', 'account')
    .argument('<amount>', 'exact decimal amount')
    .option('--type <type>', 'charge type', 'manual')
    .option('--user <user>', 'the member it is for')
    .option('--comment <text>', 'comment')
    .addHelpText(
      'after',
      examples(['hpckit ledger charge chem 12.50 --type storage --comment "1 TB, March"']),
    )
    .action(
      action(
        state,
        async (
          env,
          account: string,
          amount: string,
          opts: { type: string; user?: string; comment?: string },
        ) => {
          const { view } = await ledgerOf(env);
          const r = await view.chargeManually(
            account,
            defined({ amount, type: opts.type, user: opts.user, comment: opts.comment }),
          );
          return changed('charge', account, r.charge, r.account.balance);
        },
      ),
    );

  ledger
    .command('limit')
    .description("set a member's spending limit, or cancel it with --cancel")
    .argument('<account>', 'account')
    .argument('<user>', 'member')
    .argument('[amount]', 'exact decimal amount')
    .option('--period <period>', 'none, day, month or year', 'none')
    .option('--cancel', 'cancel the limit')
    .addHelpText(
      'after',
      examples(['hpckit ledger limit chem bob 5000 --period month', 'hpckit ledger limit chem bob --cancel']),
    )
    .action(
      action(
        state,
        async (
          env,
          account: string,
          user: string,
          amount: string | undefined,
          opts: { period: string; cancel?: boolean },
        ) => {
          const { view } = await ledgerOf(env);
          if (opts.cancel) await view.cancelSpendingLimit(account, user);
          else
            await view.setSpendingLimit(account, user, {
              amount: amount ?? '',
              period: opts.period as 'none',
            });
          const done = opts.cancel ? 'limit cancelled' : 'limit';
          return { json: { done, account, user }, text: `${done}: ${user} in ${account}\n` };
        },
      ),
    );

  for (const [name, verb] of [
    ['block', 'block'],
    ['unblock', 'unblock'],
  ] as const) {
    ledger
      .command(name)
      .description(`${verb} an account (platform admin), or one member of it (account managers)`)
      .argument('<account>', 'account')
      .argument('[user]', 'member; the whole account when absent')
      .addHelpText('after', examples([`hpckit ledger ${name} chem`, `hpckit ledger ${name} chem bob`]))
      .action(
        action(state, async (env, account: string, user: string | undefined) => {
          const { view } = await ledgerOf(env);
          if (user === undefined)
            await (name === 'block' ? view.blockAccount(account) : view.unblockAccount(account));
          else await (name === 'block' ? view.blockMember(account, user) : view.unblockMember(account, user));
          return {
            json: { done: name, account, ...(user ? { user } : {}) },
            text: `${name}: ${user ? `${user} in ` : ''}${account}\n`,
          };
        }),
      );
  }

  for (const kind of ['charges', 'payments'] as const) {
    const span = kind === 'charges' ? '7 days' : 'a year';
    withRange(ledger.command(kind), span)
      .description(
        `${kind} in a time range (default: the last ${span}), newest first, with the net sum of all matches`,
      )
      .addHelpText(
        'after',
        examples([`hpckit ledger ${kind} --account chem`, `hpckit ledger ${kind} --from 30d --json`]),
      )
      .action(
        action(state, async (env, flags: RangeFlags) => {
          const { view, ledger: l } = await ledgerOf(env);
          const query = { ...rangeOf(l, flags), limit: Number(flags.limit) };
          const page = kind === 'charges' ? await view.charges(query) : await view.payments(query);
          const entries = (page.items as Entry[]).map(entryJson);
          const json = {
            entries,
            total: page.total,
            sum: page.sum,
            from: page.from.toISOString(),
            to: page.to.toISOString(),
          };
          const text =
            table(
              ['time', 'account', 'user', 'kind', 'type', 'amount', 'job'],
              entries.map((e) => [
                e.time,
                e.account,
                e.user,
                e.kind,
                e.type,
                `${e.amount} ${e.currency}`,
                e.jobId,
              ]),
            ) + `${page.total} ${kind}, net ${page.sum}\n`;
          return { json, text };
        }),
      );
  }

  withRange(ledger.command('export'), '7 days')
    .description('charges (or --payments) as RFC 4180 CSV, times in the ledger time zone with their offset')
    .option('--payments', 'payments instead of charges (default range: a year)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--bom', 'start with a UTF-8 byte-order mark (Excel on Chinese Windows)')
    .addHelpText(
      'after',
      examples([
        'hpckit ledger export --from 7d -o charges.csv',
        'hpckit ledger export --payments --account chem --bom > payments.csv',
      ]),
    )
    .action(
      action(
        state,
        async (env, flags: RangeFlags & { payments?: boolean; output?: string; bom?: boolean }) => {
          const { ledger: l, actor, timeZone } = await ledgerOf(env);
          const query = rangeOf(l, flags);
          const options = { timeZone, ...(flags.bom ? { bom: true } : {}) };
          const csv = flags.payments
            ? await exportPaymentsCsv(l, actor, query, options)
            : await exportChargesCsv(l, actor, query, options);
          const rows = csv.split('\r\n').filter(Boolean).length - 1;
          if (flags.output) writeFileSync(flags.output, csv);
          const json = { file: flags.output ?? null, rows, ...(flags.output ? {} : { csv }) };
          return { json, text: flags.output ? `${rows} rows written to ${flags.output}\n` : csv };
        },
      ),
    );

  ledger
    .command('sync')
    .description("charge the cluster's ended jobs to their accounts, exactly once (run it from cron)")
    .option(
      '--since <when>',
      'on the first run, jobs that ended since then (a date or a span back); later runs go on from where the last stopped',
      '7d',
    )
    .addHelpText(
      'after',
      examples(['hpckit --cluster hpc ledger sync', 'hpckit ledger sync --since 2026-01-01']),
    )
    .action(
      action(state, async (env, opts: { since: string }) => {
        const { ledger: l } = await ledgerOf(env);
        const open = clusterOf(env, undefined);
        const pricing = pricingOf(requireSite(open));
        const startAt = instantOf('since', opts.since, l.now());
        const sync = createJobSync({
          ledger: l,
          source: open.root,
          clusters: [open.name],
          pricer: pricing.price,
          ...(startAt ? { startAt } : {}),
        });
        const reports = await sync.run();
        const clusters = reports.map((r) => ({ cluster: r.cluster, charged: r.charged, free: r.free }));
        return {
          json: { clusters },
          text: clusters.map((c) => `${c.cluster}: ${c.charged} charged, ${c.free} free\n`).join(''),
        };
      }),
    );
}
