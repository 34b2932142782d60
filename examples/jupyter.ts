/**
 * Start a Jupyter Notebook on one GPU of a GPU node for a user, wait until it answers, and print
 * what a portal's reverse proxy needs. Copy it and change the host, keys and account.
 *
 * Run against the project's test cluster (scripts/apps/up.sh) with:
 *   npx tsx --conditions=@hpckit/source examples/jupyter.ts
 */
import { join } from 'node:path';
import { commandSessionFiles, createAppSessions, formJsonSchema, jupyterNotebook } from '@hpckit/apps';
import { slurmAdapter } from '@hpckit/adapter-slurm';
import { createClient, formatError, isHpckitError } from '@hpckit/core';
import { sshTransport } from '@hpckit/transport';

const keys = process.env.SLURM_LOCAL_STATE
  ? join(process.env.SLURM_LOCAL_STATE, 'ssh')
  : '/var/lib/slurm-local/ssh';

// One SSH connection per user, each with the user's own key: the portal acts *as* the user.
const transport = sshTransport({
  host: '127.0.0.1',
  port: 2222,
  credentials: { username: 'portal', privateKeyPath: join(keys, 'portal_ed25519') },
  actAs: { mode: 'credentials' },
  userCredentials: (user) => ({ username: user, privateKeyPath: join(keys, `${user}_ed25519`) }),
  hostKey: { knownHosts: [join(keys, 'known_hosts')] },
});
const client = createClient({ clusters: { hpc: { adapter: slurmAdapter({ transport }) } } });
const alice = client.as('alice');

// The session files (connection file with the token) live in alice's home, private to her.
const sessions = createAppSessions({ client: alice, files: commandSessionFiles(transport, 'alice') });

try {
  // A portal renders this schema as the launch form; the last values prefill it.
  console.log(
    'form fields:',
    Object.keys((formJsonSchema(jupyterNotebook) as { properties: object }).properties),
  );
  console.log('last form:', await sessions.lastForm('jupyter-notebook'));

  const session = await sessions.create('jupyter-notebook', { partition: 'gpu', hours: 1, cores: 2 });
  console.log(`session ${session.id}: job ${session.jobId}, files in ${session.directory}`);

  const { connection, timings } = await sessions.waitReady(session, { timeoutMs: 120_000 });
  console.log(
    `ready after ${timings.totalMs} ms (scheduler ${timings.schedulerWaitMs} ms, server ${timings.serverStartMs} ms)`,
  );
  // A proxy forwards to `origin`, adding `headers`; the browser opens `url` through the proxy.
  console.log(
    'upstream:',
    connection.origin,
    'open:',
    connection.url.replace(connection.password, '<token>'),
  );

  const status = await fetch(`${connection.origin}/api/status`, { headers: connection.headers });
  console.log('server status:', status.status, await status.json());

  for (const s of await sessions.list())
    console.log(' ', s.appId, s.id, s.state.phase, s.state.outcome ?? '');
  await sessions.cancel(session);
} catch (err) {
  console.error(isHpckitError(err) ? formatError(err) : err);
  process.exitCode = 1;
} finally {
  await client.close();
  await transport.close();
}
