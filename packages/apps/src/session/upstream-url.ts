import { ValidationError } from '@hpckit/core';
import type { ConnectionInfo } from './connection-info.js';
import { appRules } from '../errors/app-rules.js';

/**
 * The URL a reverse proxy requests on a session's server for a browser request's target (path and
 * query, e.g. Node's `req.url`), always on `connection.origin`. `new URL(target, origin)` is not:
 * a target `//evil.example/` or `http://evil.example/` (what an HTTP client may send a proxy)
 * would leave the origin.
 *
 * @throws `VALIDATION` at `target` unless it starts with `/` and keeps the origin.
 * @example
 * ```ts
 * upstreamUrl({ origin: 'http://10.0.0.7:28888' }, '//x/api?y=1'); // http://10.0.0.7:28888//x/api?y=1
 * ```
 */
export function upstreamUrl(connection: Pick<ConnectionInfo, 'origin'>, target: string): URL {
  let url: URL | undefined;
  try {
    if (target.startsWith('/')) url = new URL(`${connection.origin}${target}`);
  } catch {
    url = undefined;
  }
  if (url && url.origin === connection.origin) return url;
  throw new ValidationError({
    details: {
      ...appRules.subject('upstream_request_target'),
      issues: [
        appRules.validationIssue(['target'], 'not_a_server_path', {
          value: JSON.stringify(target.slice(0, 200)),
        }),
      ],
    },
  });
}
