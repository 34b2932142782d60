/**
 * hpckit's Slurm adapter: submit, watch, cancel and account for jobs on a Slurm cluster through
 * its command-line tools, run locally or over pooled SSH by a transport of `@hpckit/transport`.
 *
 * @packageDocumentation
 * @module @hpckit/adapter-slurm
 */

// Adapter
export { SlurmAdapterOptionsSchema, slurmAdapter } from './slurm-adapter.js';
export type { SlurmAdapterOptions } from './slurm-adapter.js';

// Blocking: the default mechanism is built inside slurmAdapter; a site passes its own as `blockMechanism`.
export type { BlockMechanism } from './operations/block-mechanism.js';

// Hostlists: as Slurm writes node lists (`node[01-04,07]`)
export { compressHostlist, expandHostlist } from './parse/hostlist.js';

// Moved to core, where the mock and billing use them too; kept here for one minor version.
// The REST transport: slurmrestd instead of Slurm's commands, selected by configuration.
export { SlurmRestAdapterOptionsSchema, slurmRestAdapter } from './rest/rest-adapter.js';
export type { SlurmRestAdapterOptions } from './rest/rest-adapter.js';
export { jwtAuth, localAuth } from './rest/auth.js';
export type { JwtAuthOptions, MintedToken, RestAuth } from './rest/auth.js';

/** @deprecated Import `compileSubmission` from `@hpckit/core/sbatch`. */
export { compileSubmission } from '@hpckit/core/sbatch';
/** @deprecated Import `renderBatchScript` from `@hpckit/core/sbatch`. */
export { renderBatchScript as renderScript } from '@hpckit/core/sbatch';
/** @deprecated Import `formatSbatchTime` from `@hpckit/core/sbatch`. */
export { formatSbatchTime as formatSlurmDuration } from '@hpckit/core/sbatch';
/** @deprecated Import `shellQuote` and `shellJoin` from `@hpckit/core`. */
export { shellJoin, shellQuote } from '@hpckit/core';

// Moved to @hpckit/transport, which @hpckit/remote uses without a scheduler adapter; kept here for
// one minor version.
/** @deprecated Import `localTransport` from `@hpckit/transport`. */
export { localTransport } from '@hpckit/transport';
/** @deprecated Import `LocalTransportOptionsSchema` from `@hpckit/transport`. */
export { LocalTransportOptionsSchema } from '@hpckit/transport';
/** @deprecated Import `sshTransport` from `@hpckit/transport`. */
export { sshTransport } from '@hpckit/transport';
/** @deprecated Import `SshTransportOptionsSchema` from `@hpckit/transport`. */
export { SshTransportOptionsSchema } from '@hpckit/transport';
/** @deprecated Import `SshCredentialsSchema` from `@hpckit/transport`. */
export { SshCredentialsSchema } from '@hpckit/transport';
/** @deprecated Import `HostKeyPolicySchema` from `@hpckit/transport`. */
export { HostKeyPolicySchema } from '@hpckit/transport';
/** @deprecated Import `fingerprintOf` from `@hpckit/transport`. */
export { fingerprintOf } from '@hpckit/transport';
/** @deprecated Import `ActAsSchema` from `@hpckit/transport`. */
export { ActAsSchema } from '@hpckit/transport';
/** @deprecated Import `Transport` from `@hpckit/transport`. */
export type { Transport } from '@hpckit/transport';
/** @deprecated Import `ExecRequest` from `@hpckit/transport`. */
export type { ExecRequest } from '@hpckit/transport';
/** @deprecated Import `ExecResult` from `@hpckit/transport`. */
export type { ExecResult } from '@hpckit/transport';
/** @deprecated Import `TransportStats` from `@hpckit/transport`. */
export type { TransportStats } from '@hpckit/transport';
/** @deprecated Import `LocalTransportOptions` from `@hpckit/transport`. */
export type { LocalTransportOptions } from '@hpckit/transport';
/** @deprecated Import `SshTransport` from `@hpckit/transport`. */
export type { SshTransport } from '@hpckit/transport';
/** @deprecated Import `SshTransportOptions` from `@hpckit/transport`. */
export type { SshTransportOptions } from '@hpckit/transport';
/** @deprecated Import `SshCredentials` from `@hpckit/transport`. */
export type { SshCredentials } from '@hpckit/transport';
/** @deprecated Import `HostKeyPolicy` from `@hpckit/transport`. */
export type { HostKeyPolicy } from '@hpckit/transport';
/** @deprecated Import `ActAs` from `@hpckit/transport`. */
export type { ActAs } from '@hpckit/transport';
