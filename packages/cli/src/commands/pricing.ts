import { createResourcePolicy } from '@hpckit/billing';
import { formatDuration } from '@hpckit/core';
import type { Command } from 'commander';
import { table } from '../output/io.js';
import { clusterName, pricingOf, requireSite, siteOf } from '@hpckit/site';
import { action, type CommandEnv, type RunState } from './env.js';
import { examples } from './help.js';
import { type SpecFlags, specFromFlags, withSpecFlags } from './job-spec.js';

// Quotes and checks need only the site's rules, never the scheduler: they work while it is down.
function site(env: CommandEnv) {
  const { config } = env.config();
  const name = clusterName(config, env.options.cluster);
  return { name, site: requireSite({ name, site: siteOf(name, config.clusters[name]!) }) };
}

/** `hpckit quote` and `hpckit check`. */
export function pricingCommands(program: Command, state: RunState): void {
  withSpecFlags(program.command('quote'))
    .description("the most a job can cost: its resources for its whole time limit, at the site's prices")
    .argument('[command...]', 'the command the job runs')
    .option('--account-type <type>', 'account type that selects the prices (internal, external)', 'internal')
    .addHelpText(
      'after',
      examples([
        'hpckit quote -p gpu -G 2 -c 12 -t 48h -- python train.py',
        'hpckit quote --spec job.yaml --json',
      ]),
    )
    .action(
      action(state, async (env, command: string[], flags: SpecFlags & { accountType: string }) => {
        const { name, site: preset } = site(env);
        const quote = pricingOf(preset).quote(specFromFlags(flags, command), {
          cluster: name,
          accountType: flags.accountType,
        });
        const json = {
          cluster: name,
          maximum: quote.maximum.amount,
          perTask: quote.perTask.amount,
          currency: quote.maximum.currency,
          tasks: quote.tasks,
          partition: quote.partition,
          timeLimitSeconds: quote.timeLimitSeconds,
        };
        const text = table(
          ['partition', 'tasks', 'time limit', 'per task', 'maximum'],
          [
            [
              quote.partition,
              quote.tasks,
              formatDuration(quote.timeLimitSeconds),
              quote.perTask.amount,
              `${quote.maximum.amount} ${quote.maximum.currency}`,
            ],
          ],
        );
        return { json, text };
      }),
    );

  withSpecFlags(program.command('check'))
    .description("whether a job keeps the site's resource policy; each broken rule in the chosen language")
    .argument('[command...]', 'the command the job runs')
    .addHelpText(
      'after',
      examples([
        'hpckit check -p gpu -G 2 -c 40 -- python train.py',
        'hpckit --lang zh-CN check -p fat -c 64 -- run',
      ]),
    )
    .action(
      action(state, async (env, command: string[], flags: SpecFlags) => {
        const result = createResourcePolicy(site(env).site.resourcePolicy).check(
          specFromFlags(flags, command),
        );
        const violations = result.violations.map((v) => ({
          code: v.code,
          message: v.message[env.locale],
        }));
        const ok = env.locale === 'zh-CN' ? '符合资源策略\n' : 'the job keeps the resource policy\n';
        return {
          json: { ok: result.ok, violations },
          text: result.ok ? ok : violations.map((v) => `${v.code}: ${v.message}\n`).join(''),
          exit: result.ok ? 'ok' : 'refused',
        };
      }),
    );
}
