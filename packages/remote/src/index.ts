/**
 * hpckit remote access: one user's files over SFTP (or on this machine) and login-node shells, on
 * the pooled SSH transport of `@hpckit/transport`. No caller-given path or name ever reaches a
 * shell.
 *
 * @packageDocumentation
 * @module @hpckit/remote
 */

// Files
export type {
  DeleteOptions,
  FileEntry,
  FilePreview,
  FileSystem,
  FileType,
  MkdirOptions,
  ReadFileOptions,
  ReadStreamOptions,
  TransferOptions,
  TransferProgress,
  TransferResult,
  WriteFileOptions,
  WriteStreamOptions,
} from './fs/file-system.js';
export { FileSystemLimitsSchema } from './fs/file-system-options.js';
export type { FileSystemLimits } from './fs/file-system-options.js';
export { LocalFileSystemOptionsSchema, localFileSystem } from './fs/local-file-system.js';
export type { LocalFileSystemOptions } from './fs/local-file-system.js';
export { SftpFileSystemOptionsSchema, sftpFileSystem } from './fs/sftp-file-system.js';
export type { SftpFileSystemOptions } from './fs/sftp-file-system.js';
export type { SessionSource } from './ssh/session-source.js';

// Paths
export { isWithin, resolvePath, resolveWithin } from './path/resolve-path.js';
export type { FileOperation, PathProblem } from './errors/file-errors.js';

// Serving files over HTTP
export { attachmentDisposition } from './http/content-disposition.js';

// Jobs' files
export { expandJobPattern, jobFiles } from './jobs/job-files.js';
export type { JobFileFields, JobFiles } from './jobs/job-files.js';
export { scriptFileJob } from './jobs/script-file-job.js';
export { jobOutputSource } from './jobs/job-output-source.js';
export type { ClosableJobOutputSource, JobOutputSourceOptions } from './jobs/job-output-source.js';

// Shells and commands
export { openShell, ShellOptionsSchema } from './shell/open-shell.js';
export type { ShellExit, ShellOptions, ShellSession } from './shell/open-shell.js';
export { bridgeTerminal } from './shell/terminal-bridge.js';
export type {
  TerminalBridgeOptions,
  TerminalFrame,
  TerminalShell,
  TerminalSocket,
} from './shell/terminal-bridge.js';
export { FileSystemShellOptionsSchema, fileSystemShell } from './shell/file-system-shell.js';
export type { FileSystemShellOptions } from './shell/file-system-shell.js';
export { checkTerminalSize } from './shell/terminal-size.js';
export { RunCommandOptionsSchema, runCommand } from './shell/run-command.js';
export type { RunCommandOptions } from './shell/run-command.js';
