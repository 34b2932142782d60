/**
 * Requests to a slurmrestd listening on a UNIX socket (`slurmrestd unix:/path`), where
 * `rest_auth/local` takes the caller's identity from the socket itself. Node's fetch cannot reach
 * a socket without undici's dispatcher, so this is a fetch over `node:http`'s `socketPath`,
 * answering with a standard `Response`.
 */
import { request as httpRequest } from 'node:http';

/** The socket path of a `unix:/path` address, else undefined. */
export function socketPathOf(url: string): string | undefined {
  return /^unix:(\/\S+)$/.exec(url)?.[1];
}

/** A fetch that sends every request to the slurmrestd on `socketPath`, whatever the URL's host. */
export function unixSocketFetch(socketPath: string): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const headers = new Headers(init?.headers);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      if (body !== undefined) headers.set('Content-Length', String(Buffer.byteLength(body)));
      const req = httpRequest(
        {
          socketPath,
          path: url.pathname + url.search,
          method: init?.method ?? 'GET',
          headers: { ...Object.fromEntries(headers), Host: 'localhost' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            signal?.removeEventListener('abort', abort);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500 }));
          });
        },
      );
      const abort = () => req.destroy(signal?.reason);
      signal?.addEventListener('abort', abort, { once: true });
      req.on('error', (err) => {
        signal?.removeEventListener('abort', abort);
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: err }));
      });
      req.end(body);
    });
}
