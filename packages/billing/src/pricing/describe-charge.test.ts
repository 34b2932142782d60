import { describe, expect, it } from 'vitest';
import { makeJob } from '../../test/make-job.js';
import { ikkemPreset } from '../presets/ikkem.js';
import { describeCharge } from './describe-charge.js';
import { createPricingEngine } from './pricing-engine.js';

describe('describeCharge', () => {
  const engine = createPricingEngine({ table: ikkemPreset().priceTable });
  const gpu = engine.price(makeJob({ partition: 'gpu', gpus: 1, cores: 8, elapsedSeconds: 3177 }), {
    accountType: 'internal',
  });

  it('explains a charge in English', () => {
    expect(describeCharge(gpu.breakdown)).toBe(
      '1 GPU × 3,177 s = 0.8825 GPU-hours × 9.00 CNY per GPU-hour = 7.9425 → 7.94 CNY (half-up to 2 places; item ikkem-gpu-internal)',
    );
  });

  it('explains a charge in Simplified Chinese', () => {
    expect(describeCharge(gpu.breakdown, 'zh-CN')).toBe(
      '1 卡 × 3,177 秒 = 0.8825 卡时 × 每卡时 9.00 CNY = 7.9425 → 7.94 CNY（四舍五入保留 2 位小数；价格条目 ikkem-gpu-internal）',
    );
  });

  it('shortens non-terminating figures and mentions the minimum charge', () => {
    const min = createPricingEngine({
      table: { ...ikkemPreset().priceTable, rules: { minimumCharge: '0.01' } },
    });
    const tiny = min.price(makeJob({ cores: 7, elapsedSeconds: 100 }), { accountType: 'internal' });
    expect(describeCharge(tiny.breakdown)).toBe(
      '7 cores × 100 s = ≈0.194444 core-hours × 0.06 CNY per core-hour = ≈0.011667 → 0.01 CNY (half-up to 2 places; item ikkem-cpu-internal)',
    );
    const tinier = min.price(makeJob({ cores: 1, elapsedSeconds: 10 }), { accountType: 'internal' });
    expect(describeCharge(tinier.breakdown)).toContain(
      '→ 0.01 CNY (half-up to 2 places, raised to the minimum charge of 0.01;',
    );
    expect(describeCharge(tinier.breakdown, 'zh-CN')).toContain('低于最低收费，按 0.01 收取');
  });
});
