/** Hop-by-hop headers (RFC 9110 7.6.1): they describe one connection, never forwarded by a proxy. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/**
 * The headers of a message a proxy does not forward, lower case: the hop-by-hop ones and those its
 * `Connection` header names.
 */
export function hopByHop(connectionHeader: string | undefined): string[] {
  const named = (connectionHeader ?? '').split(',').map((t) => t.trim().toLowerCase());
  return [...HOP_BY_HOP, ...named.filter((n) => n !== '')];
}
