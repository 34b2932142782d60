import { type ClusterConfig, formatError, isHpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { ikkemPreset } from '../presets/ikkem.js';
import { createPricingEngine } from './pricing-engine.js';

const site = ikkemPreset();
const at = new Date('2025-06-01T00:00:00Z');

describe('coverage against a cluster config', () => {
  it('finds the reference site fully covered', () => {
    const engine = createPricingEngine({ table: site.priceTable });
    expect(engine.checkCoverage(site.cluster, { at })).toEqual({
      complete: true,
      gaps: [],
      unmatchedItems: [],
    });
    expect(() => engine.assertCoverage(site.cluster, { at })).not.toThrow();
  });

  it('lists every uncovered partition × QoS × account type, and items that can never match', () => {
    const items = site.priceTable.items.filter((i) => i.id !== 'ikkem-fat-external');
    items.push(
      { ...items[0]!, id: 'typo', partition: 'cpus' },
      { ...items[0]!, id: 'gpu-debug', partition: 'gpu', qos: 'debug' },
    );
    const engine = createPricingEngine({ table: { ...site.priceTable, items } });
    const report = engine.checkCoverage(site.cluster, { at });
    expect(report.complete).toBe(false);
    expect(report.gaps).toEqual([
      { cluster: 'ikkem', partition: 'fat', qos: 'normal', accountType: 'external' },
      { cluster: 'ikkem', partition: 'fat', qos: 'long', accountType: 'external' },
    ]);
    expect(report.unmatchedItems).toEqual([
      {
        id: 'typo',
        reason: 'cluster "ikkem" has no partition "cpus"',
        message: { en: 'cluster "ikkem" has no partition "cpus"', 'zh-CN': '集群“ikkem”没有分区“cpus”' },
      },
      {
        id: 'gpu-debug',
        reason: 'partition "gpu" does not allow QoS "debug"',
        message: { en: 'partition "gpu" does not allow QoS "debug"', 'zh-CN': '分区“gpu”不允许 QoS“debug”' },
      },
    ]);
  });

  it('checks at a moment: nothing is covered before the rates take effect', () => {
    const engine = createPricingEngine({ table: site.priceTable });
    expect(engine.checkCoverage(site.cluster, { at: new Date('2019-01-01T00:00:00Z') }).gaps).toHaveLength(
      12,
    );
  });

  it('checks jobs without QoS when the cluster has none', () => {
    const cluster: ClusterConfig = {
      ...site.cluster,
      qos: [],
      partitions: site.cluster.partitions.map(({ qos: _q, ...p }) => p),
    };
    const engine = createPricingEngine({
      table: { currency: 'CNY', items: [{ ...site.priceTable.items[0]!, accountType: undefined }] },
    });
    expect(engine.checkCoverage(cluster, { at }).gaps).toEqual([
      { cluster: 'ikkem', partition: 'gpu' },
      { cluster: 'ikkem', partition: 'fat' },
    ]);
  });

  it('assertCoverage throws NotFoundError naming every gap', () => {
    const engine = createPricingEngine({
      table: {
        ...site.priceTable,
        items: site.priceTable.items.filter((i) => !i.id.startsWith('ikkem-gpu')),
      },
    });
    let caught: unknown;
    try {
      engine.assertCoverage(site.cluster, { at });
    } catch (err) {
      caught = err;
    }
    expect(isHpckitError(caught, 'NOT_FOUND')).toBe(true);
    expect(caught).toMatchObject({ details: { kind: 'price item', id: 'ikkem/gpu/normal' } });
    expect((caught as Error).message).toContain('does not cover 4 combination(s)');
    expect((caught as Error).message).toContain('partition "gpu", QoS "long", account type "external"');
    const zh = formatError(caught, { locale: 'zh-CN' });
    expect(zh).toContain('价格表未覆盖集群“ikkem”的 4 种组合');
    expect(zh).toContain('分区“gpu”、QoS“long”、账户类型“external”');
  });
});
