import { errorsFor } from '@hpckit/core';
import type { PooledConnection } from './ssh-pool.js';

const errors = errorsFor('ssh');

/** Limits of the pool of logins of one SSH transport. */
export interface ConnectionLimits {
  /** Connections kept at once; beyond it the least recently used idle one is closed. */
  maxConnections: number;
  /** A connection unused this long (no command, no open channel) is closed, in ms. */
  idleTimeoutMs: number;
}

/** The connections of one SSH transport, one per login, bounded in number and idle time. */
export interface ConnectionPool {
  /**
   * The connection for `key`, made by `open` if there is none. At the cap, the least recently
   * used idle connection is closed first; if every one is in use, a retryable `TRANSPORT` error.
   */
  get(key: string, open: () => PooledConnection, label: { host: string; user: string }): PooledConnection;
  /** The connections open now. */
  all(): PooledConnection[];
  /** Closes every connection (they reopen on demand). */
  closeAll(): Promise<void>;
}

/**
 * A pool of pooled connections keyed by login. Per-user logins (`actAs: credentials`) would
 * otherwise pile up for every user ever served: idle ones are closed after `idleTimeoutMs` (an
 * unref'd sweep, so it never keeps a process alive) and the pool never holds more than
 * `maxConnections`.
 */
export function connectionPool(limits: ConnectionLimits): ConnectionPool {
  const connections = new Map<string, PooledConnection>();
  let sweeper: NodeJS.Timeout | undefined;

  function evict(key: string) {
    const connection = connections.get(key);
    connections.delete(key);
    if (connections.size === 0) stopSweeping();
    void connection?.close();
  }

  function sweep() {
    const now = Date.now();
    for (const [key, connection] of connections) {
      const since = connection.idleSince();
      if (since !== undefined && now - since >= limits.idleTimeoutMs) evict(key);
    }
  }

  function startSweeping() {
    if (sweeper) return;
    sweeper = setInterval(sweep, Math.max(25, Math.min(limits.idleTimeoutMs / 2, 30_000)));
    sweeper.unref();
  }

  function stopSweeping() {
    clearInterval(sweeper);
    sweeper = undefined;
  }

  function makeRoom(label: { host: string; user: string }) {
    let oldest: { key: string; since: number } | undefined;
    for (const [key, connection] of connections) {
      const since = connection.idleSince();
      if (since === undefined) continue;
      if (!oldest || since < oldest.since) oldest = { key, since };
    }
    if (!oldest) {
      throw errors.transport({
        details: { reason: 'pool_full', host: label.host, login: label.user, limit: limits.maxConnections },
        retryable: true,
      });
    }
    evict(oldest.key);
  }

  return {
    get(key, open, label) {
      let connection = connections.get(key);
      if (!connection) {
        if (connections.size >= limits.maxConnections) makeRoom(label);
        connection = open();
        connections.set(key, connection);
        startSweeping();
      }
      return connection;
    },
    all: () => [...connections.values()],
    async closeAll() {
      const all = [...connections.values()];
      connections.clear();
      stopSweeping();
      await Promise.all(all.map((c) => c.close()));
    },
  };
}
