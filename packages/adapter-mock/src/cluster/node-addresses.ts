import type { NodeAddress } from '@hpckit/core';

/**
 * The named nodes as `config.nodes()` reports them: a simulated node's host name is its name, and
 * every node has the cluster's `nodeAddress`. Unknown names are left out, repeated ones given once.
 */
export function nodeAddressesOf(
  names: readonly string[],
  nodeNames: ReadonlySet<string>,
  address: string,
): NodeAddress[] {
  return [...new Set(names)]
    .filter((name) => nodeNames.has(name))
    .map((name) => ({ name, hostname: name, address }));
}
