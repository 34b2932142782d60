import { defaultOwner, importFromScheduler } from '@hpckit/billing/ledger';
import type { Command } from 'commander';
import { clusterOf } from './cluster-of.js';
import { openLedger } from '@hpckit/site';
import { action, type RunState } from './env.js';
import { examples } from './help.js';

/** `hpckit accounts import`. */
export function accountsCommand(program: Command, state: RunState): void {
  const accounts = program.command('accounts').description("the cluster's accounts and the ledger");
  accounts
    .command('import')
    .description("add the cluster's accounts, members and blocks to the ledger (idempotent; never removes)")
    .option('--type <type>', 'account type of the accounts created (selects their prices)', 'internal')
    .option('--whitelist', 'whitelist the accounts created, so a zero opening balance does not block them')
    .option('--owner <account=user...>', 'the owner of an account the cluster names none for (ai4ec=bob)')
    .option('--dry-run', 'only report what would change')
    .addHelpText(
      'after',
      examples([
        'hpckit accounts import --dry-run',
        'hpckit accounts import --type internal --whitelist --owner ai4ec=bob',
      ]),
    )
    .action(
      action(
        state,
        async (env, opts: { type: string; owner?: string[]; whitelist?: boolean; dryRun?: boolean }) => {
          const owners = new Map((opts.owner ?? []).map((pair) => pair.split('=', 2) as [string, string]));
          const { config } = env.config();
          const open = clusterOf(env, undefined);
          const { ledger, close } = await openLedger(config, undefined, open.site);
          env.onClose(close);
          const report = await importFromScheduler({
            ledger,
            client: open.root,
            accountType: opts.type,
            whitelist: opts.whitelist === true,
            dryRun: opts.dryRun === true,
            // An owner named on the command line wins; otherwise the SDK's rule (first coordinator, only member).
            ...(owners.size > 0 ? { ownerOf: (a) => owners.get(a.name) ?? defaultOwner(a) } : {}),
          });
          const changes = report.changes.map(
            (c) => `${c.action} ${c.account}${c.user ? ` ${c.user}` : ''}${c.role ? ` (${c.role})` : ''}`,
          );
          const skipped = report.skipped.map(
            (s) => `${s.account}${s.user ? ` ${s.user}` : ''}: ${s.message[env.locale]}`,
          );
          const text =
            [...changes, ...skipped.map((s) => `skipped ${s}`)].map((l) => `${l}\n`).join('') ||
            'nothing to import\n';
          return { json: { dryRun: report.dryRun, changes, skipped }, text };
        },
      ),
    );
}
