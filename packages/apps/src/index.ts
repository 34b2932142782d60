/**
 * Interactive apps for hpckit: apps as data (JupyterLab, Jupyter Notebook, any web server), their
 * forms as JSON Schema, and the session lifecycle (create, list, wait until ready, connect,
 * cancel) over any hpckit client, with a simulated server for the mock adapter.
 *
 * @packageDocumentation
 * @module @hpckit/apps
 */

// Definitions
export { appDefinitionJsonSchema, defineApp } from './definition/app-definition.js';
export { extendApp } from './definition/extend-app.js';
export type { AppAttributeExtension, AppExtension } from './definition/extend-app.js';
export { BUILTIN_APPS, jupyterLab, jupyterNotebook, webServer } from './definition/builtin-apps.js';
export { createAppRegistry } from './definition/app-registry.js';
export type { AppRegistry } from './definition/app-registry.js';

// Forms
export { formJsonSchema } from './form/form-json-schema.js';
export { formRequiresGpu, validateForm } from './form/form-values.js';
export type { FormValues } from './form/form-values.js';
export { sessionJobSpec } from './form/session-job-spec.js';
export { renderSessionScript } from './script/session-script.js';
export type { SessionScriptInput } from './script/session-script.js';

// Files
export type { SessionFiles } from './files/session-files.js';
export { commandSessionFiles } from './files/command-session-files.js';
export type { CommandRunner } from './files/command-session-files.js';
export { fileSystemSessionFiles } from './files/file-system-session-files.js';
export type { FileSystemLike } from './files/file-system-session-files.js';
export { memorySessionFiles } from './files/memory-session-files.js';
export type { MemorySessionFiles } from './files/memory-session-files.js';

// Sessions
export { AppSessionsOptionsSchema, createAppSessions } from './session/app-sessions.js';
export type {
  AppSessions,
  AppSessionsOptions,
  AppSessionStatus,
  ReadyOptions,
  ReadySession,
} from './session/app-sessions.js';
export { ConnectionFileSchema, parseConnectionFile } from './session/connection-file.js';
export type { ConnectionFile } from './session/connection-file.js';
export { connectionInfo } from './session/connection-info.js';
export type { ConnectionInfo } from './session/connection-info.js';
export { httpProbe } from './session/probe-server.js';
export type { ServerProbe } from './session/probe-server.js';
export { UpstreamHeadersOptionsSchema, upstreamHeaders } from './session/upstream-headers.js';
export type { IncomingHeaders, UpstreamHeadersOptions } from './session/upstream-headers.js';
export { upstreamUrl } from './session/upstream-url.js';
export { DownstreamHeadersOptionsSchema, downstreamHeaders } from './session/downstream-headers.js';
export type { DownstreamHeadersOptions } from './session/downstream-headers.js';
export { BasePathSchema } from './session/base-path.js';
export type { AllowUpstream, UpstreamCandidate } from './session/upstream-check.js';
export type { HostResolver } from './session/resolve-host.js';
export { sessionDirectory } from './session/session-layout.js';

// Mock
export { mockAppHarness } from './mock/mock-app-harness.js';
export type { MockAppHarness, MockAppHarnessOptions, MockJobBehaviorHost } from './mock/mock-app-harness.js';
export { startSimulatedServer } from './mock/simulated-server.js';
export type { SimulatedServer } from './mock/simulated-server.js';

// Moved to core, where every package quotes with the one quoter; kept here for one minor version.
/** @deprecated Import `shellQuote` from `@hpckit/core`. */
export { shellQuote } from '@hpckit/core';
