import { NotFoundError } from '@hpckit/core';
import type { LookupQuery, PriceIndex } from './price-index.js';

/**
 * Builds the error for a job no price item covers: it names the cluster, partition, QoS and payer
 * that were looked up, says why nothing matched, and how to fix the table.
 */
export function priceNotFound(index: PriceIndex, query: LookupQuery): NotFoundError {
  const at = new Date(query.atMs).toISOString();
  const id = [query.cluster, query.partition, query.qos].filter((s) => s !== undefined).join('/');
  const payer = [
    query.accountType !== undefined ? `account type "${query.accountType}"` : 'no account type',
    query.tenant !== undefined ? `tenant "${query.tenant}"` : undefined,
    query.account !== undefined ? `account "${query.account}"` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const where = `cluster "${query.cluster}", partition "${query.partition}", ${
    query.qos !== undefined ? `QoS "${query.qos}"` : 'no QoS'
  }`;
  return new NotFoundError({
    details: { kind: 'price item', id },
    message: `No price item covers ${where} for ${payer} at ${at}: ${whyNothingMatched(index, query)}.`,
    hint: `Add a price item for cluster "${query.cluster}" and partition "${query.partition}"${
      query.qos !== undefined ? ` (all QoS, or qos "${query.qos}")` : ''
    } effective from ${at} or earlier, then price the job again; checkCoverage() lists every such gap.`,
  });
}

function whyNothingMatched(index: PriceIndex, query: LookupQuery): string {
  const candidates = index.candidates(query.cluster, query.partition);
  if (candidates.length === 0) return 'the table has no item for this cluster and partition';
  const matching = candidates.filter(
    (c) =>
      (c.qos === undefined || c.qos === query.qos) &&
      (c.accountType === undefined || c.accountType === query.accountType) &&
      (c.tenant === undefined || c.tenant === query.tenant) &&
      (c.account === undefined || c.account === query.account),
  );
  if (matching.length === 0) {
    const offered = candidates.map(describeSelectors).join('; ');
    return `items for this partition exist only for ${offered}`;
  }
  const later = matching
    .flatMap((c) => c.versions)
    .filter((v) => v.fromMs > query.atMs)
    .sort((a, b) => a.fromMs - b.fromMs)[0];
  if (later)
    return `the earliest matching item ("${later.item.id}") takes effect only at ${later.item.effectiveFrom.toISOString()}`;
  return 'the matching items had stopped (effectiveUntil) by then';
}

function describeSelectors(c: {
  qos?: string;
  accountType?: string;
  tenant?: string;
  account?: string;
}): string {
  const parts = [
    c.qos !== undefined ? `QoS "${c.qos}"` : undefined,
    c.accountType !== undefined ? `account type "${c.accountType}"` : undefined,
    c.tenant !== undefined ? `tenant "${c.tenant}"` : undefined,
    c.account !== undefined ? `account "${c.account}"` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'everyone';
}
