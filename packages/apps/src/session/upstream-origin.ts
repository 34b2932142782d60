import { isIP } from 'node:net';
import { ParseError } from '@hpckit/core';

/**
 * `http://host:port` of a session's server, built with the URL API and accepted only if the URL's
 * host name and port are exactly `host` and `port` (an IPv6 address bracketed). Anything a URL
 * would read differently is refused: `::1]:22/x#` (a port of its own), `a b`, `user@10.0.0.1`,
 * `127.1` or `0x7f.0.0.1` (which a URL rewrites to `127.0.0.1`), percent-escapes.
 *
 * @throws `PARSE` saying `what` the host is (`field "host" of the connection file …`) otherwise.
 * @example
 * ```ts
 * upstreamOrigin('::1', 28888); // 'http://[::1]:28888'
 * ```
 */
export function upstreamOrigin(host: string, port: number, what = 'the host'): string {
  const literal = isIP(host) === 6 ? `[${host}]` : host;
  let url: URL | undefined;
  try {
    // Brackets belong to the URL, not to the host: "[::1]" in the file is not an address.
    if (!/[[\]]/.test(host)) url = new URL(`http://${literal}:${port}`);
  } catch {
    url = undefined;
  }
  const roundTrips =
    url !== undefined &&
    url.hostname === literal.toLowerCase() &&
    // A URL leaves out http's default port.
    (url.port || '80') === String(port) &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '';
  if (url && roundTrips) return url.origin;
  throw new ParseError({
    details: { raw: host.length > 200 ? `${host.slice(0, 200)}…` : host, what },
    message: `${what} (${JSON.stringify(host.slice(0, 200))}) is not a host name or IP address that a URL keeps as it is${host.includes('[') ? ' (an IPv6 address is written without brackets)' : ''}`,
    hint: "the connection file gives the node's hostname or address, as the session script writes it; look at output.log in the session directory",
    translations: {
      'zh-CN': `${whatZh(what)}（${JSON.stringify(host.slice(0, 200))}）不是 URL 能原样保留的主机名或 IP 地址${host.includes('[') ? '（IPv6 地址不带方括号）' : ''}。连接文件给出的是会话脚本写入的节点主机名或地址；请查看会话目录中的 output.log。`,
    },
  });
}

/** `what` in Chinese: the callers' phrases, and any other as given. */
function whatZh(what: string): string {
  const field = /^field "host" of the connection file (.*)$/.exec(what);
  if (field) return `连接文件 ${field[1]} 的字段 "host"`;
  return what === 'the host' ? '主机' : what === 'the address' ? '地址' : what;
}

/** A host as it compares: lower case, an IPv6 address in its canonical form. */
export function hostKey(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare) === 6) {
    try {
      return new URL(`http://[${bare}]`).hostname.slice(1, -1);
    } catch {
      return bare.toLowerCase();
    }
  }
  return bare.toLowerCase();
}
