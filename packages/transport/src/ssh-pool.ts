import { transportRules } from './transport-rules.js';
import {
  delay,
  type ErrorDetailsByCode,
  errorsFor,
  type HpckitError,
  isHpckitError,
  ruleValidationIssue,
  type TransportError,
  type TransportReason,
} from '@hpckit/core';
import PQueue from 'p-queue';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { type ExecResult, signalExitCode } from './transport.js';

/** Settings of one pooled connection. */
export interface PoolSettings {
  /** Channels open at once per connection; keep it below the server's MaxSessions. */
  maxChannels: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  readyTimeoutMs: number;
  /** Attempts to (re)connect before a command fails. */
  connectAttempts: number;
  /** Delay before the first reconnect attempt, doubled each time, in ms. */
  reconnectDelayMs: number;
  maxOutputBytes: number;
  /** Commands that may wait for a channel; one more is refused with a retryable `TRANSPORT` error. */
  maxQueuedCommands: number;
}

/** A command for a pooled connection: a complete command line for the remote shell. */
export interface PooledExec {
  commandLine: string;
  /** First word of the command, for messages (never the whole line: it may hold values). */
  program: string;
  stdin?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** How a remote command ended: an exit code, or the signal that ended it. */
interface ExitStatus {
  code?: number;
  signal?: string;
}

/** An open exec channel and the exit status it reported, once it has. */
interface OpenExec {
  stream: ClientChannel;
  exit: ExitStatus;
}

/** One (host, user) connection, reconnected on demand, with a channel cap. */
export interface PooledConnection {
  exec(request: PooledExec): Promise<ExecResult>;
  /**
   * The connected ssh2 client, (re)connecting if needed, for channels other than exec (SFTP, PTY
   * shells). Those channels bypass the exec queue: they count toward the server's MaxSessions.
   */
  client(): Promise<Client>;
  /** Channels open right now. */
  readonly openChannels: number;
  /** Most channels ever open at once. */
  readonly maxOpenChannels: number;
  /** The name the current connection logged in as; undefined before the first login. */
  readonly login: string | undefined;
  /**
   * When the connection was last used (a command queued or finished, its client handed out, or
   * found in use by an earlier call), in `Date.now()` ms; undefined while it is in use: commands
   * queued or running, any channel open on it (SFTP and PTY channels included), a login under
   * way, or its client handed out a moment ago (the caller has yet to open its channel).
   */
  idleSince(): number | undefined;
  close(): Promise<void>;
}

// A client just handed out by `client()` has no channel open yet: it counts as in use this long.
const HANDOUT_GRACE_MS = 1_000;

const errors = errorsFor('ssh');

/**
 * A connection multiplexing exec channels over one SSH session per (host, user). Commands queue
 * behind a p-queue capped at `maxChannels`; a dropped connection is re-opened by the next command.
 * Errors name the host and user only: credentials never appear in messages.
 */
export function pooledConnection(
  connectConfig: () => Promise<ConnectConfig>,
  settings: PoolSettings,
  label: { host: string; port: number; user: string },
  onConnect: () => void,
  onChannelRetry: () => void = () => undefined,
): PooledConnection {
  const queue = new PQueue({ concurrency: settings.maxChannels });
  let client: Promise<Client> | undefined;
  let current: Client | undefined;
  let login: string | undefined;
  let closed = false;
  let open = 0;
  let maxOpen = 0;
  let lastUsed = Date.now();
  let handedOut = 0;
  let connecting = 0;

  /** A failure of this connection: host, port and login (never credentials) plus the reason's facts. */
  function transportError(
    reason: TransportReason,
    facts: Omit<ErrorDetailsByCode['TRANSPORT'], 'reason'> = {},
    cause?: unknown,
    retryable = true,
  ): TransportError {
    const details = { reason, host: label.host, port: label.port, login: label.user, ...facts };
    return errors.transport({ details, cause, retryable });
  }

  async function connectOnce(): Promise<Client> {
    const config = await connectConfig();
    return new Promise((resolve, reject) => {
      const c = new Client();
      let ready = false;
      c.on('ready', () => {
        ready = true;
        current = c;
        login = config.username;
        onConnect();
        resolve(c);
      });
      c.on('error', (err: Error & { level?: string }) => {
        if (!ready) reject(connectError(err));
        drop(c);
      });
      c.on('close', () => drop(c));
      c.connect({
        ...config,
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: settings.keepaliveCountMax,
        readyTimeout: settings.readyTimeoutMs,
      });
      // Small packets (an SFTP read request, a keystroke) must leave at once: with Nagle's
      // algorithm each waits for the ACK of the previous one, which the peer delays by up to
      // 40 ms, and pipelined SFTP downloads crawled at ~27 MB/s on loopback.
      c.setNoDelay(true);
    });
  }

  /** Why a connection attempt failed; a refused login or host key is not worth another attempt. */
  function connectError(err: Error & { level?: string; code?: string }): HpckitError {
    // A name DNS says does not exist is the "host" option's mistake, not a network failure.
    if (err.code === 'ENOTFOUND') {
      return errors.validation({
        details: {
          ...transportRules.subject('ssh_transport_options'),
          issues: [ruleValidationIssue(['host'], 'unknown_host', { value: label.host, text: err.code })],
          reason: 'unknown_host',
        },
        cause: err,
      });
    }
    if (err.level === 'client-authentication') return transportError('login_refused', {}, err, false);
    if (/host key|Host denied/i.test(err.message)) return transportError('host_key_rejected', {}, err, false);
    return transportError('connect_failed', { nativeMessage: err.message }, err);
  }

  function drop(c: Client) {
    if (current === c) current = undefined;
    // Only forget the current client; a late event from an old one must not drop a new one.
    void client?.then(
      (latest) => {
        if (latest === c) client = undefined;
      },
      () => undefined,
    );
  }

  async function connected(): Promise<Client> {
    if (closed) throw transportError('connection_closed', {}, undefined, false);
    if (!client) {
      connecting++;
      client = (async () => {
        let lastError: unknown;
        for (let attempt = 0; attempt < settings.connectAttempts; attempt++) {
          try {
            return await connectOnce();
          } catch (err) {
            lastError = err;
            // A refused login or host key, bad credentials or a missing key file: trying again
            // only delays the same answer (and hammers the server with failed logins).
            if (isHpckitError(err) && !err.retryable) break;
            if (attempt + 1 < settings.connectAttempts) await delay(settings.reconnectDelayMs * 2 ** attempt);
          }
        }
        throw lastError;
      })();
      client.then(
        () => connecting--,
        () => {
          connecting--;
          client = undefined;
        },
      );
    }
    return client;
  }

  /**
   * Opens an exec channel and starts recording its exit status at once: ssh2 parses every packet
   * of one socket read in the same tick, so on a fast command the exit status arrives together
   * with the channel confirmation, before an `await` on this promise could attach a listener.
   */
  function openChannel(c: Client, request: PooledExec): Promise<OpenExec> {
    return new Promise((resolve, reject) => {
      try {
        c.exec(request.commandLine, (err, stream) => {
          if (err) return reject(err);
          const exit: ExitStatus = {};
          stream.on('exit', (code: number | null, signal?: string) => {
            exit.code = code ?? undefined;
            exit.signal = signal;
          });
          resolve({ stream, exit });
        });
      } catch (err) {
        reject(err);
      }
    });
  }

  async function execOnce(request: PooledExec): Promise<ExecResult> {
    const c = await connected();
    let opened: OpenExec | undefined;
    for (let attempt = 0; opened === undefined; attempt++) {
      try {
        opened = await openChannel(c, request);
      } catch (err) {
        // The server refuses channels beyond MaxSessions, and counts closing ones for a moment:
        // wait and retry on the same connection. Only a dead connection is dropped.
        const dead = /not connected|No response|closed/i.test((err as Error).message);
        if (dead || attempt >= 5) {
          if (dead) {
            drop(c);
            c.end();
          }
          throw transportError('channel_failed', { nativeMessage: (err as Error).message }, err);
        }
        onChannelRetry();
        await delay(50 * 2 ** attempt, request.signal);
      }
    }
    const { stream, exit } = opened;
    open++;
    maxOpen = Math.max(maxOpen, open);
    return new Promise<ExecResult>((resolve, reject) => {
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let bytes = 0;
      let failure: Error | undefined;
      const fail = (error: Error) => {
        failure ??= error;
        // Closing the channel alone leaves the command running (sshd waits for it without a PTY):
        // ask sshd to kill it first, so a timeout really ends the command and frees the channel.
        killRemote(stream);
        stream.close();
      };
      const timer = setTimeout(
        () =>
          fail(
            errors.timeout({
              details: {
                operation: `${request.program} (ssh ${label.host})`,
                timeoutMs: request.timeoutMs,
              },
            }),
          ),
        request.timeoutMs,
      );
      const onAbort = () => fail(request.signal!.reason as Error);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      const collect = (sink: Buffer[]) => (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > settings.maxOutputBytes) {
          fail(
            transportError(
              'output_limit',
              { program: request.program, limit: settings.maxOutputBytes },
              undefined,
              false,
            ),
          );
          return;
        }
        sink.push(chunk);
      };
      stream.on('data', collect(out));
      stream.stderr.on('data', collect(errOut));
      stream.on('close', () => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        open--;
        if (failure) return reject(failure);
        if (exit.code === undefined && exit.signal === undefined) {
          // No exit status: the connection or the remote session went away mid-command. A dead
          // connection is dropped by its own close event; a live one stays in use.
          return reject(transportError('session_lost', { program: request.program }));
        }
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(errOut).toString('utf8'),
          exitCode: exit.code ?? signalExitCode(exit.signal),
        });
      });
      stream.on('error', (err: Error) =>
        fail(transportError('channel_failed', { nativeMessage: err.message }, err)),
      );
      stream.end(request.stdin ?? '');
    });
  }

  return {
    get openChannels() {
      return open;
    },
    get maxOpenChannels() {
      return maxOpen;
    },
    get login() {
      return login;
    },
    idleSince() {
      const busy =
        queue.size > 0 ||
        queue.pending > 0 ||
        connecting > 0 ||
        Date.now() - handedOut < HANDOUT_GRACE_MS ||
        (current !== undefined && channelsOpen(current) !== 0);
      // Found in use counts as a use: an SFTP session that just ended starts its idle time now.
      if (busy) lastUsed = Date.now();
      return busy ? undefined : lastUsed;
    },
    exec(request) {
      lastUsed = Date.now();
      // Without a bound a stalled connection would hold every caller's command (and its input) in
      // memory; refusing is retryable, so a read tries again once the queue has drained.
      if (queue.size >= settings.maxQueuedCommands) {
        return Promise.reject(transportError('queue_full', { program: request.program, limit: queue.size }));
      }
      return (queue.add(() => execOnce(request)) as Promise<ExecResult>).finally(() => {
        lastUsed = Date.now();
      });
    },
    client() {
      lastUsed = Date.now();
      handedOut = lastUsed;
      return connected();
    },
    async close() {
      closed = true;
      queue.clear();
      const c = await client?.catch(() => undefined);
      c?.end();
      client = undefined;
      current = undefined;
    },
  };
}

/**
 * Channels open on a connection, of any kind (exec, SFTP, PTY), from ssh2's channel manager; an
 * SFTP session handed out by `client()` holds one until it ends. Undefined when ssh2 no longer
 * keeps that count (a changed internal): the caller then treats the connection as in use.
 */
function channelsOpen(c: Client): number | undefined {
  const count = (c as unknown as { _chanMgr?: { _count?: unknown } })._chanMgr?._count;
  return typeof count === 'number' ? count : undefined;
}

/**
 * Sends a KILL signal request on an exec channel. ssh2's `signal()` is silently dropped once our
 * side sent EOF (stdin is always closed here), although RFC 4254 allows requests after EOF, so the
 * request goes through ssh2's protocol object; servers that refuse signals ignore it.
 */
function killRemote(stream: ClientChannel): void {
  const channel = stream as unknown as {
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal(id: number, name: string): void } };
  };
  try {
    if (channel.outgoing && channel.outgoing.state !== 'closed') {
      channel._client?._protocol?.signal(channel.outgoing.id, 'KILL');
    }
  } catch {
    // A connection already gone: the close that follows ends the wait.
  }
}
