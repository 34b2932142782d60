import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatError, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { jwtAuth, localAuth, slurmRestAdapter } from '../src/index.js';
import { json, served } from './rest-handlers.js';
import { restdOnSocket } from './rest-server.js';

const auth = jwtAuth({ serviceUser: 'portal', mint: async (user) => `secret-${user}` });

describe('on the wire (a real socket on loopback)', () => {
  it('a connection reset mid-request is a retryable TRANSPORT error naming the closed connection', async () => {
    const server = await restdOnSocket({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/2': 'drop',
    });
    try {
      const adapter = slurmRestAdapter({ url: server.url, auth });
      const err = await adapter.jobs.get('2', { user: 'alice' }).catch((e: unknown) => e);
      expect(isHpckitError(err, 'TRANSPORT') && err.retryable).toBe(true);
      expect(isHpckitError(err, 'TRANSPORT') && err.details.reason).toBe('connection_closed');
      expect(JSON.stringify(err) + String(err)).not.toContain('secret-');
    } finally {
      await server.close();
    }
  });

  it('a restarting daemon refuses connections (connect_failed, retryable), then answers on the same port', async () => {
    const server = await restdOnSocket({
      ...served(['v0.0.38'], '22.05.8'),
      'GET /slurm/v0.0.38/job/676': json('22.05/v0.0.38-job-completed.json'),
    });
    try {
      const adapter = slurmRestAdapter({ url: server.url, auth });
      expect((await adapter.jobs.get('676', { user: 'alice' })).id).toBe('676');
      const restarting = server.restart(400);
      await new Promise((r) => setTimeout(r, 100));
      const down = await adapter.jobs.get('676', { user: 'alice' }).catch((e: unknown) => e);
      expect(isHpckitError(down, 'TRANSPORT') && down.retryable).toBe(true);
      expect(isHpckitError(down, 'TRANSPORT') && down.details.reason).toBe('connect_failed');
      await restarting;
      expect((await adapter.jobs.get('676', { user: 'alice' })).state.phase).toBe('ended');
    } finally {
      await server.close();
    }
  });
});

describe('on a UNIX socket (rest_auth/local)', () => {
  it('sends requests over the socket with no token, and reads the answers as over TCP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hpckit-restd-'));
    const server = await restdOnSocket(
      {
        ...served(['v0.0.38'], '22.05.8'),
        'GET /slurm/v0.0.38/job/676': json('22.05/v0.0.38-job-completed.json'),
      },
      join(dir, 'slurmrestd.socket'),
    );
    try {
      const adapter = slurmRestAdapter({ url: server.url, auth: localAuth() });
      expect(adapter.capabilities.actAsUser).toBe(false);
      expect((await adapter.version({})).version).toBe('22.05.8');
      expect((await adapter.jobs.get('676', {})).state).toMatchObject({ phase: 'ended', exitCode: 0 });
      expect(server.seen.map((r) => r.path)).toContain('/slurm/v0.0.38/job/676');
      for (const r of server.seen) expect(Object.keys(r.headers)).not.toContain('x-slurm-user-token');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a socket nobody listens on is a retryable TRANSPORT error naming the socket', async () => {
    const adapter = slurmRestAdapter({ url: 'unix:/nonexistent/slurmrestd.socket', auth: localAuth() });
    const err = await adapter.version({}).catch((e: unknown) => e);
    expect(isHpckitError(err, 'TRANSPORT') && err.retryable).toBe(true);
    expect(isHpckitError(err, 'TRANSPORT') && err.details).toMatchObject({
      host: '/nonexistent/slurmrestd.socket',
      reason: 'connect_failed',
    });
  });

  it('refuses an address that is neither http(s) nor a unix: socket, in English and Chinese', () => {
    const err = (() => {
      try {
        return slurmRestAdapter({ url: 'ftp://host/x', auth: localAuth() });
      } catch (e) {
        return e;
      }
    })();
    expect(isHpckitError(err, 'VALIDATION')).toBe(true);
    expect(String(err)).toContain('unix:/path/to/socket');
    expect(formatError(err, { locale: 'zh-CN' })).toContain('UNIX 套接字');
  });
});
