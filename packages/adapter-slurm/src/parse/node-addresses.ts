import type { NodeAddress } from '@hpckit/core';
import { parseKeyValueLines } from './key-value.js';

// scontrol prints "(null)" or "N/A" for a field it has no value for.
const known = (value: string | undefined): value is string =>
  value !== undefined && value !== '' && value !== '(null)' && value !== 'N/A';

/**
 * Parses `scontrol show node -o <names>` into each node's name, `NodeHostName` and `NodeAddr`
 * (Slurm defaults both to the name, and so does this when one is unset). Lines that name no node
 * (`Node cn99 not found`) are skipped; a node printed twice is given once.
 */
export function parseNodeAddresses(output: string): NodeAddress[] {
  const nodes = new Map<string, NodeAddress>();
  for (const r of parseKeyValueLines(output)) {
    const name = r.NodeName;
    if (!known(name) || nodes.has(name)) continue;
    const hostname = known(r.NodeHostName) ? r.NodeHostName : name;
    const address = known(r.NodeAddr) ? r.NodeAddr : hostname;
    nodes.set(name, { name, hostname, address });
  }
  return [...nodes.values()];
}

/** Whether output of a failed `scontrol show node` only says that some names are unknown. */
export function onlyUnknownNodes(stdout: string, stderr: string): boolean {
  return (
    stderr.trim() === '' &&
    stdout
      .split('\n')
      .map((l) => l.trim())
      .every((l) => l === '' || l.startsWith('NodeName=') || /^Node \S+ not found$/.test(l))
  );
}
