import type { Locale } from '@hpckit/core';
import type { Command } from 'commander';
import { findConfigFile, type LoadedConfig, loadConfig } from '@hpckit/site';
import type { ExitKind } from '../output/exit-codes.js';
import type { Io } from '../output/io.js';

/** The global options every command takes. */
export interface GlobalOptions {
  config?: string;
  cluster?: string;
  as?: string;
  json?: boolean;
  lang?: string;
}

/** What a command runs with: its output, language, and the config (read on first use). */
export interface CommandEnv {
  io: Io;
  locale: Locale;
  options: GlobalOptions;
  json: boolean;
  /** The working directory local paths (`files get|put`) are relative to. */
  cwd: string;
  config(): LoadedConfig;
  /** Called on every opened resource; run at the end of the command, even when it failed. */
  onClose(close: () => Promise<void> | void): void;
}

/** What a command answers: its `--json` value, its human text, and how it ended. */
export interface CommandResult {
  json: unknown;
  text: string;
  exit?: ExitKind;
}

/** Runs state shared by every command of one `runCli` call. */
export interface RunState {
  io: Io;
  locale: (options: GlobalOptions) => Locale;
  env: NodeJS.ProcessEnv;
  cwd: string;
  closers: (() => Promise<void> | void)[];
  loaded?: LoadedConfig;
  exit: ExitKind;
  /** What `--version` prints. */
  version?: string;
  /** Called with the config once it is read, so its secrets can be scrubbed from output. */
  onConfig(config: LoadedConfig): void;
}

/** Binds a command's action: global options, the env, and printing its result as text or JSON. */
export function action<A extends unknown[]>(
  state: RunState,
  run: (env: CommandEnv, ...args: A) => Promise<CommandResult>,
) {
  return async (...raw: unknown[]) => {
    const command = raw.at(-1) as Command;
    const options = command.optsWithGlobals() as GlobalOptions;
    const env: CommandEnv = {
      io: state.io,
      locale: state.locale(options),
      options,
      json: options.json === true,
      cwd: state.cwd,
      config() {
        if (!state.loaded) {
          state.loaded = loadConfig(
            findConfigFile({ explicit: options.config, env: state.env, cwd: state.cwd }),
          );
          state.onConfig(state.loaded);
        }
        return state.loaded;
      },
      onClose: (close) => void state.closers.push(close),
    };
    const result = await run(env, ...(raw.slice(0, -1) as A));
    state.io.out(env.json ? `${JSON.stringify(result.json, null, 2)}\n` : result.text);
    state.exit = result.exit ?? 'ok';
  };
}
