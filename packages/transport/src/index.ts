/**
 * hpckit transports: how commands run on a host, on this machine or over pooled SSH (ssh2), with
 * host-key verification, output and time limits, and acting for a portal's users (sudo, su or
 * per-user logins). Scheduler adapters run their commands through a transport, and
 * `@hpckit/remote` opens SFTP and shell channels on an SSH transport's connections.
 *
 * Errors a transport raises are tagged with its `kind`: `[hpckit] [local]` or `[hpckit] [ssh]`
 * (`HpckitError.adapter`).
 *
 * @packageDocumentation
 * @module @hpckit/transport
 */

// Transports
export type { ExecRequest, ExecResult, Transport, TransportStats } from './transport.js';

// Local
export { LocalTransportOptionsSchema, localTransport } from './local.js';
export type { LocalTransportOptions } from './local.js';

// SSH
export { SshTransportOptionsSchema, sshTransport } from './ssh.js';
export type { SshSession, SshTransport, SshTransportOptions } from './ssh.js';
export { SshCredentialsSchema } from './ssh-credentials.js';
export type { SshCredentials } from './ssh-credentials.js';
export { fingerprintOf, HostKeyPolicySchema } from './host-key.js';
export type { HostKeyPolicy } from './host-key.js';

// Acting for users
export { ActAsSchema } from './act-as.js';
export type { ActAs } from './act-as.js';

// Building blocks for other transports
export { createStats } from './stats.js';
export type { StatsRecorder } from './stats.js';
