/**
 * The transports moved to `@hpckit/transport`; for one minor version the Slurm adapter still
 * exports them under their old names, as the very same values and types, so code importing them
 * from here keeps working.
 */
import * as transport from '@hpckit/transport';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as slurm from '../src/index.js';

const ALIASES: [name: string, old: unknown, moved: unknown][] = [
  ['localTransport', slurm.localTransport, transport.localTransport],
  ['LocalTransportOptionsSchema', slurm.LocalTransportOptionsSchema, transport.LocalTransportOptionsSchema],
  ['sshTransport', slurm.sshTransport, transport.sshTransport],
  ['SshTransportOptionsSchema', slurm.SshTransportOptionsSchema, transport.SshTransportOptionsSchema],
  ['SshCredentialsSchema', slurm.SshCredentialsSchema, transport.SshCredentialsSchema],
  ['HostKeyPolicySchema', slurm.HostKeyPolicySchema, transport.HostKeyPolicySchema],
  ['fingerprintOf', slurm.fingerprintOf, transport.fingerprintOf],
  ['ActAsSchema', slurm.ActAsSchema, transport.ActAsSchema],
];

describe('deprecated transport exports of @hpckit/adapter-slurm', () => {
  it.each(ALIASES)('%s is the value @hpckit/transport exports', (_name, old, moved) => {
    expect(old).toBeDefined();
    expect(old).toBe(moved);
  });

  it('keeps the type names as the same types (checked by tsc, which compiles this file)', () => {
    expectTypeOf<slurm.Transport>().toEqualTypeOf<transport.Transport>();
    expectTypeOf<slurm.ExecRequest>().toEqualTypeOf<transport.ExecRequest>();
    expectTypeOf<slurm.ExecResult>().toEqualTypeOf<transport.ExecResult>();
    expectTypeOf<slurm.TransportStats>().toEqualTypeOf<transport.TransportStats>();
    expectTypeOf<slurm.LocalTransportOptions>().toEqualTypeOf<transport.LocalTransportOptions>();
    expectTypeOf<slurm.SshTransport>().toEqualTypeOf<transport.SshTransport>();
    expectTypeOf<slurm.SshTransportOptions>().toEqualTypeOf<transport.SshTransportOptions>();
    expectTypeOf<slurm.SshCredentials>().toEqualTypeOf<transport.SshCredentials>();
    expectTypeOf<slurm.HostKeyPolicy>().toEqualTypeOf<transport.HostKeyPolicy>();
    expectTypeOf<slurm.ActAs>().toEqualTypeOf<transport.ActAs>();
    expectTypeOf(slurm.sshTransport).returns.toEqualTypeOf<transport.SshTransport>();
  });
});
