import { isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { jwtAuth, slurmRestAdapter } from '../src/index.js';
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
