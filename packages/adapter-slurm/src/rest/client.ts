/**
 * Requests to slurmrestd with Node's fetch: authentication headers per user, the plugin version
 * in the path, and every failure turned into core's typed errors. What slurmrestd said (its
 * `errors[]`) is kept; the token never is.
 */
import type { HpckitError } from '@hpckit/core';
import { mapCommandError } from '../errors/map-error.js';
import { fail, SCHEDULER } from '../errors/slurm-errors.js';
import type { RestAuth } from './auth.js';
import { socketPathOf, unixSocketFetch } from './unix-socket.js';

/** The envelope of every slurmrestd answer. */
export interface RestEnvelope {
  meta?: { Slurm?: { release?: string }; slurm?: { release?: string } };
  errors?: { error?: string; description?: string; error_number?: number; error_code?: number }[];
  [key: string]: unknown;
}

/** One request. */
export interface RestRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query, e.g. `/slurm/v0.0.38/job/12`. */
  path: string;
  /** The user the request acts for. */
  user?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** What the request is about, for NOT_FOUND errors (`{ kind: 'job', id: '12' }`). */
  subject?: { kind: string; id: string };
  /** The Slurm command the request stands for, so Slurm's messages map as they do for it. */
  program: string;
  /** Slurm errors that are an answer rather than a failure (e.g. "Nothing found"). */
  accepts?: (errors: NonNullable<RestEnvelope['errors']>) => boolean;
}

/** Options of {@link createRestClient}. */
export interface RestClientOptions {
  /** `http://host:port` of slurmrestd, or `unix:/path` of its socket. */
  url: string;
  auth: RestAuth;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  /** The fetch to use (tests pass msw's or a slow one). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Sends requests to one slurmrestd. */
export interface RestClient {
  send(request: RestRequest): Promise<RestEnvelope>;
}

/** A client for one slurmrestd. */
export function createRestClient(options: RestClientOptions): RestClient {
  const socketPath = socketPathOf(options.url);
  const base = new URL(socketPath === undefined ? options.url : 'http://localhost');
  const where =
    socketPath === undefined
      ? { host: base.hostname, port: Number(base.port) || undefined }
      : { host: socketPath };
  const doFetch =
    options.fetch ??
    (socketPath === undefined
      ? (...args: Parameters<typeof fetch>) => fetch(...args)
      : unixSocketFetch(socketPath));
  const attempt = async (request: RestRequest): Promise<{ status: number; body: RestEnvelope | string }> => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(await options.auth.headers(request.user)),
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(new URL(request.path, base), {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw transportError(request, where, error, timeout.aborted ? options.timeoutMs : undefined);
    }
    try {
      return { status: response.status, body: JSON.parse(text) as RestEnvelope };
    } catch {
      return { status: response.status, body: text };
    }
  };
  return {
    async send(request) {
      let answer = await attempt(request);
      // A token slurmrestd refuses may have been revoked or expired early: mint once more.
      if (answer.status === 401) {
        options.auth.invalidate(request.user);
        answer = await attempt(request);
      }
      const { status, body } = answer;
      const command = ['slurmrestd', request.method, request.path];
      if (typeof body === 'string') {
        const said = body.trim().slice(0, 500);
        if (status === 401 || status === 403) {
          throw fail.permission({
            details: {
              action: `${request.method} ${request.path}`,
              ...(request.user !== undefined && { user: request.user }),
              command,
              exitCode: status,
              stderr: said,
              scheduler: SCHEDULER,
              nativeMessage: `slurmrestd answered HTTP ${status}: ${said || 'no body'}`,
            },
          });
        }
        if (status >= 500 || status === 0) throw unavailable(command, status, said);
        throw fail.parse({
          details: { raw: said, what: `slurmrestd's answer to ${request.method} ${request.path}`, command },
        });
      }
      const errors = (body.errors ?? []).filter(
        (e) => (e.error_number ?? e.error_code ?? 0) !== 0 || e.error,
      );
      // slurmrestd answers HTTP 500 with Slurm's error for a refusal too ("Invalid job id"): what
      // Slurm said decides, the status only when it said nothing.
      if (errors.length > 0 && request.accepts?.(errors)) return body;
      if (errors.length === 0) {
        if (status >= 500) throw unavailable(command, status, `HTTP ${status}`);
        return body;
      }
      const stderr = errors
        .map((e) => `${request.program}: error: ${[e.description, e.error].filter(Boolean).join(': ')}`)
        .join('\n');
      throw mapCommandError({
        command,
        stderr,
        exitCode: status,
        subject: request.subject,
        user: request.user,
      });
    },
  };
}

function unavailable(command: string[], status: number, said: string): HpckitError {
  return fail.unavailable({
    details: {
      command,
      exitCode: status,
      stderr: said,
      scheduler: SCHEDULER,
      nativeMessage: `slurmrestd answered HTTP ${status}`,
    },
    retryable: true,
  });
}

// Nothing listens (TCP), no socket file, or a socket this process may not open.
const CONNECT_FAILED = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES']);

function transportError(
  request: RestRequest,
  where: { host: string; port?: number },
  error: unknown,
  timeoutMs?: number,
): HpckitError {
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const code = (cause as { code?: string })?.code;
  if (timeoutMs !== undefined) {
    return fail.timeout({
      details: { operation: `${request.method} ${request.path}`, timeoutMs },
      cause: error,
    });
  }
  return fail.transport({
    details: {
      ...where,
      reason: CONNECT_FAILED.has(code ?? '') ? 'connect_failed' : 'connection_closed',
      ...(code !== undefined && { errno: code }),
      operation: `${request.method} ${request.path}`,
      nativeMessage: cause instanceof Error ? cause.message : String(cause),
    },
    cause: error,
    retryable: true,
  });
}
