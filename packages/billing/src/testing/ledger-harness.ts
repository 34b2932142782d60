import { createLedger, type Ledger } from '../ledger/create-ledger.js';
import type { LedgerEventName } from '../ledger/ledger-events.js';
import { createPricingEngine, type PricingEngine } from '../pricing/pricing-engine.js';
import { ikkemPreset } from '../presets/ikkem.js';
import type { LedgerStore } from '../stores/ledger-store.js';
import { T0 } from './fixtures.js';

/** Actors of the conformance tests. */
export const ROOT = { user: 'root', roles: ['platform-admin' as const] };
/** A finance officer. */
export const FINANCE = { user: 'fin', roles: ['finance' as const] };

/** A ledger over `store` with the reference site's bonus rules, a settable clock and an event log. */
export interface LedgerHarness {
  ledger: Ledger;
  engine: PricingEngine;
  /** Events delivered so far, in order. */
  events: { type: string; payload: unknown }[];
  clock: { now: Date };
}

/** Builds a {@link LedgerHarness} (cluster `c1`, CNY, the ikkem price table and bonus tiers). */
export function ledgerHarness(store: LedgerStore): LedgerHarness {
  const clock = { now: T0 };
  const site = ikkemPreset({ cluster: 'c1' });
  const ledger = createLedger({
    store,
    currency: 'CNY',
    bonus: site.bonusRules,
    timeZone: 'Asia/Shanghai',
    now: () => clock.now,
  });
  const events: LedgerHarness['events'] = [];
  const names: LedgerEventName[] = [
    'account:created',
    'account:blocked',
    'account:unblocked',
    'member:added',
    'member:removed',
    'member:blocked',
    'member:unblocked',
    'member:limit-reached',
    'payment:received',
    'bonus:granted',
    'charge:created',
    'entry:reversed',
    'jobs:charged',
    'jobs:waiting',
  ];
  for (const type of names) ledger.on(type, (payload: unknown) => events.push({ type, payload }));
  const engine = createPricingEngine({ table: site.priceTable, clusters: [site.cluster] });
  return { ledger, engine, events, clock };
}
