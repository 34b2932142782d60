/**
 * hpckit's Slurm adapter: submit, watch, cancel and account for jobs on a Slurm cluster through
 * its command-line tools, run locally or over pooled SSH.
 *
 * @packageDocumentation
 * @module @hpckit/adapter-slurm
 */

// Pure building blocks (parse), for tools and tests
export { mapCommandError } from './errors/map-error.js';
// Blocking: the default mechanism is built inside slurmAdapter; a site passes its own as `blockMechanism`.
export type { BlockMechanism } from './operations/block-mechanism.js';
export { compressHostlist, expandHostlist } from './parse/hostlist.js';
export { parseSlurmDuration, parseSlurmMemory } from './parse/slurm-values.js';
export { mapSlurmState, SLURM_STATES } from './parse/state-map.js';
export { parseTres } from './parse/tres.js';
export { parseSacct, sacctFormat, SACCT_FIELDS, SACCT_STATES } from './parse/sacct.js';
export type { SacctJob } from './parse/sacct.js';
export { parseSqueue, squeueFormat, SQUEUE_FIELDS } from './parse/squeue.js';
export type { SqueueJob } from './parse/squeue.js';
export { freshDelimiter, splitRecords } from './parse/delimited.js';
export type { SlurmAdapterOptions } from './slurm-adapter.js';
export { ADAPTER_VERSION, SlurmAdapterOptionsSchema, slurmAdapter } from './slurm-adapter.js';
export type { ActAs } from './transport/act-as.js';
export { ActAsSchema } from './transport/act-as.js';
export type { HostKeyPolicy } from './transport/host-key.js';
export { fingerprintOf, HostKeyPolicySchema } from './transport/host-key.js';
export type { LocalTransportOptions } from './transport/local.js';
// Transports
export { LocalTransportOptionsSchema, localTransport } from './transport/local.js';
export type { SshCredentials } from './transport/ssh-credentials.js';
export { SshCredentialsSchema } from './transport/ssh-credentials.js';
export type { SshTransport, SshTransportOptions } from './transport/ssh.js';
export { SshTransportOptionsSchema, sshTransport } from './transport/ssh.js';
export type { ExecRequest, ExecResult, Transport, TransportStats } from './transport/transport.js';

// Moved to core, where the mock and billing use them too; kept here for one minor version.
/** @deprecated Import `compileSubmission` from `@hpckit/core/sbatch`. */
export { compileSubmission } from '@hpckit/core/sbatch';
/** @deprecated Import `renderBatchScript` from `@hpckit/core/sbatch`. */
export { renderBatchScript as renderScript } from '@hpckit/core/sbatch';
/** @deprecated Import `formatSbatchTime` from `@hpckit/core/sbatch`. */
export { formatSbatchTime as formatSlurmDuration } from '@hpckit/core/sbatch';
/** @deprecated Import `shellQuote` and `shellJoin` from `@hpckit/core`. */
export { shellJoin, shellQuote } from '@hpckit/core';
