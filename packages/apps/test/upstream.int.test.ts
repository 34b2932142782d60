/**
 * On the real cluster, alice's job owns its connection file: one pointing the portal at the
 * cluster's sshd (127.0.0.1:2222, the node's own address but no session's port) is refused before
 * anything connects to it, while the file the session script writes, naming the machine's real
 * hostname (`vm`, which Slurm does not know: its node is `localhost` at 127.0.0.1), is accepted.
 */
import { hostname } from 'node:os';
import type { AppSession } from '@hpckit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppRegistry, httpProbe, type ServerProbe } from '../src/index.js';
import { aliceSessions, assertAppsClusterUp, SSH_PORT } from './cluster.js';

assertAppsClusterUp();

const registry = createAppRegistry({
  builtins: false,
  apps: [
    {
      id: 'hijack',
      name: 'Points the portal at sshd',
      kind: 'web',
      // What a user can do to their own session: rewrite the file after the script wrote it.
      script: `printf '{"host":"127.0.0.1","port":${SSH_PORT},"secret":"%s","jobId":"%s"}\\n' "$HPCKIT_PASSWORD" "$SLURM_JOB_ID" > connection.json.tmp && mv -f connection.json.tmp connection.json && exec sleep 600`,
      connect: { path: '/' },
    },
    {
      id: 'plain',
      name: 'A plain HTTP server',
      kind: 'web',
      // An empty directory: the session directory holds the token.
      script: 'mkdir -p empty && exec python3 -m http.server "$HPCKIT_PORT" --bind 0.0.0.0 --directory empty',
      connect: { path: '/' },
    },
  ],
});

const probed: string[] = [];
const probe: ServerProbe = async (url, timeoutMs) => {
  probed.push(url);
  return httpProbe(url, timeoutMs);
};
const { client, files, sessions, close } = aliceSessions({ registry, probe });
const started: AppSession[] = [];
afterAll(async () => {
  for (const session of started) await sessions.cancel(session).catch(() => undefined);
  await close();
});

describe('connection files on the cluster', () => {
  it("refuses a file pointing at the node's sshd, without probing it", async () => {
    const session = await sessions.create('hijack', {});
    started.push(session);
    const err = await sessions.waitReady(session, { timeout: 60_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(String((err as Error).message)).toContain(
      `field "port" (${SSH_PORT}) is outside the port range 20000-59999 of app hijack`,
    );
    expect(probed.filter((url) => new URL(url).port === String(SSH_PORT))).toEqual([]);

    const text = await files.readFile(`${session.directory}/connection.json`);
    expect(JSON.parse(text)).toMatchObject({ host: '127.0.0.1', port: SSH_PORT, jobId: session.jobId });
    await expect(sessions.connection(session)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringContaining(`field "port" (${SSH_PORT})`),
    });
  }, 90_000);

  it("accepts the node's real hostname, which resolves to the node's address, and pins the proxy there", async () => {
    const session = await sessions.create('plain', {});
    started.push(session);
    const ready = await sessions.waitReady(session, { timeout: 60_000 });
    // The script wrote `hostname` ("vm" here), a name Slurm does not give its node.
    expect(ready.connection).toMatchObject({ host: hostname(), address: '127.0.0.1' });
    expect((await client.jobs.get(session.jobId)).nodeList).not.toContain(hostname());
    expect(ready.connection.origin).toBe(`http://127.0.0.1:${ready.connection.port}`);
    expect(probed).toContain(`${ready.connection.origin}/`);
    expect((await fetch(ready.connection.origin)).status).toBe(200);
    expect(await sessions.connection(session)).toEqual(ready.connection);
  }, 90_000);
});
