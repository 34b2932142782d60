import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Resolves a host name to its IP addresses, `[]` when it has none. An IP address resolves to
 * itself.
 */
export type HostResolver = (host: string) => Promise<string[]>;

/** The default {@link HostResolver}: the system's resolver (`getaddrinfo`, so `/etc/hosts` too). */
export const systemResolver: HostResolver = async (host) => {
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    // ENOTFOUND and the like: a name without addresses, which matches no node.
    return [];
  }
};
