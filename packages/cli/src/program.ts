import { Command, CommanderError, Option } from 'commander';
import type { LoadedConfig } from '@hpckit/site';
import { secretsOf } from '@hpckit/site';
import { accountsCommand } from './commands/accounts.js';
import { appsCommand } from './commands/apps.js';
import { bashCompletion, zshCompletion } from './commands/completion.js';
import type { RunState } from './commands/env.js';
import { filesCommand } from './commands/files.js';
import { examples } from './commands/help.js';
import { jobsCommand } from './commands/jobs.js';
import { ledgerCommand } from './commands/ledger.js';
import { pricingCommands } from './commands/pricing.js';
import { EXIT_CODES, exitKindOf } from './output/exit-codes.js';
import { type Streams, scrubbingIo } from './output/io.js';
import { localeOf } from './output/locale.js';
import { errorJson, renderError } from './output/render-error.js';

/** Where {@link runCli} runs: its arguments' environment and streams (the process's by default). */
export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  streams?: Streams;
  /** What `--version` prints (the `hpckit` command passes its package's version). */
  version?: string;
}

/**
 * Builds the `hpckit` command tree, bound to one run's state (output, config, exit code). Used by
 * {@link runCli}; exposed for embedding and for completion scripts.
 */
export function buildProgram(state: RunState): Command {
  const program = new Command('hpckit')
    .description(
      'hpckit: jobs, files, apps, quotes, policy checks and the ledger of HPC clusters, from a terminal or a script',
    )
    .option(
      '--config <file>',
      'config file (default: $HPCKIT_CONFIG, ./hpckit.yaml, ~/.config/hpckit/hpckit.yaml)',
    )
    .option('--cluster <name>', 'cluster of the config file (default: its defaultCluster)')
    .option('--as <user>', "act as this user (mapped through the cluster's users)")
    .option('--json', 'print one JSON document (its schema per command: JSON_SCHEMAS of @hpckit/cli)')
    .addOption(
      new Option('--lang <locale>', 'language of messages (default: from LANG)').choices(['en', 'zh-CN']),
    )
    .version(state.version ?? '0.0.0', '-V, --version', "print hpckit's version")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => state.io.out(s), writeErr: (s) => state.io.err(s) })
    .addHelpText(
      'after',
      examples([
        'hpckit --config hpckit.yaml jobs submit -t 1h -- ./run.sh',
        'hpckit --as alice ledger balance --json',
        'hpckit ledger export --from 7d -o charges.csv',
        'hpckit --version',
      ]) +
        `\nExit codes: 0 ok, 1 job failed, 2 usage, 3 refused (validation, policy, permission), 4 not found, 5 unavailable (scheduler, transport, database), 70 internal\n`,
    );
  jobsCommand(program, state);
  pricingCommands(program, state);
  filesCommand(program, state);
  appsCommand(program, state);
  ledgerCommand(program, state);
  accountsCommand(program, state);
  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash or zsh')
    .addHelpText(
      'after',
      examples([
        'hpckit completion bash > /etc/bash_completion.d/hpckit',
        'hpckit completion zsh >> ~/.zshrc',
      ]),
    )
    .action((shell: string) => {
      state.io.out(shell === 'zsh' ? zshCompletion(program) : bashCompletion(program));
    });
  for (const command of allCommands(program)) {
    command
      .exitOverride()
      .configureOutput({ writeOut: (s) => state.io.out(s), writeErr: (s) => state.io.err(s) });
  }
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/**
 * Runs `hpckit` with `argv` (the arguments after the program name) and answers its exit code
 * ({@link EXIT_CODES}). Everything it prints goes through `streams`, scrubbed of the config's
 * secrets; an error is printed in the chosen language (and as JSON with `--json`), never as a
 * stack trace.
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  let secrets: string[] = [];
  const io = scrubbingIo(
    options.streams ?? { stdout: process.stdout, stderr: process.stderr },
    () => secrets,
  );
  const state: RunState = {
    io,
    env,
    cwd: options.cwd ?? process.cwd(),
    locale: (o) => localeOf(o.lang, env),
    closers: [],
    exit: 'ok',
    ...(options.version ? { version: options.version } : {}),
    onConfig: (loaded: LoadedConfig) => {
      secrets = secretsOf(loaded.config);
    },
  };
  const program = buildProgram(state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      const helped =
        err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0;
      state.exit = helped ? 'ok' : 'usage';
    } else {
      const opts = program.opts() as { json?: boolean; lang?: string };
      const kind = exitKindOf(err);
      const message = renderError(err, localeOf(opts.lang, env), state.loaded?.file);
      if (opts.json) io.out(`${JSON.stringify(errorJson(err, kind, message), null, 2)}\n`);
      else io.err(message);
      state.exit = kind;
    }
  } finally {
    for (const close of state.closers.reverse()) await close();
  }
  return EXIT_CODES[state.exit];
}
