/**
 * The `hpckit` command line, as a library: run it in-process, build its command tree, and the
 * config file and `--json` schemas it uses.
 *
 * @packageDocumentation
 * @module @hpckit/cli
 */

// Running
export { buildProgram, runCli } from './program.js';
export type { RunCliOptions } from './program.js';
export type { CommandEnv, CommandResult, GlobalOptions, RunState } from './commands/env.js';
export type { Io, Streams } from './output/io.js';

// Config file
// The config file is @hpckit/site's, which the portal reads too; these names are kept for callers
// of the CLI's own.
export {
  configIssueLocations,
  findConfigFile,
  loadConfig,
  SITE_PRESETS,
  SiteClusterSchema as CliClusterSchema,
  SiteConfigSchema as CliConfigSchema,
  SiteLedgerSchema as CliLedgerSchema,
} from '@hpckit/site';
export type {
  ConfigLocation,
  FindConfigOptions,
  LoadedConfig,
  SiteCluster as CliCluster,
  SiteConfig as CliConfig,
} from '@hpckit/site';

// Output and exit codes
export { EXIT_CODES, exitKindOf } from './output/exit-codes.js';
export type { ExitKind } from './output/exit-codes.js';
export {
  AppConnectJsonSchema,
  AppListJsonSchema,
  AppSessionJsonSchema,
  BalanceJsonSchema,
  ChangeJsonSchema,
  CheckJsonSchema,
  EntriesJsonSchema,
  ErrorJsonSchema,
  ExportJsonSchema,
  FileListJsonSchema,
  FileMoveJsonSchema,
  FileRemoveJsonSchema,
  FileTransferJsonSchema,
  ImportJsonSchema,
  JobJsonSchema,
  JobListJsonSchema,
  JobOutputJsonSchema,
  JSON_SCHEMAS,
  QuoteJsonSchema,
  SyncJsonSchema,
} from './output/schemas.js';
