import type { Locale } from '@hpckit/core';
import { BillingDecimal } from '../money/decimal.js';
import type { ChargeBreakdown } from './charge-breakdown.js';

const ROUNDING_ZH: Record<string, string> = {
  'half-up': '四舍五入',
  'half-even': '银行家舍入',
  'half-down': '五舍六入',
  'half-ceil': '半数向上舍入',
  up: '远离零进位',
  down: '截断',
  ceil: '向上取整',
  floor: '向下取整',
};

// 核时 (core-hour) and 卡时 (GPU-card-hour) are the terms Chinese computing centres publish prices in.
const UNIT_ZH: Record<string, string> = { core: '核', GPU: '卡', 'billing unit': '计费单位' };

/**
 * Renders a breakdown as one line a user can follow, in English or Simplified Chinese.
 *
 * @example
 * ```ts
 * describeCharge(engine.price(job).breakdown);
 * // "1 GPU × 3,177 s = 0.8825 GPU-hours × 9.00 CNY per GPU-hour = 7.9425 → 7.94 CNY (half-up to 2 places; item ikkem-gpu-internal)"
 * ```
 */
export function describeCharge(b: ChargeBreakdown, locale: Locale = 'en'): string {
  const hours = approx(b.unitHours ?? unitHoursOf(b));
  const exact = approx(b.exactCharge);
  const seconds = b.billedSeconds.toLocaleString('en-US');
  const charge = `${b.charge.amount} ${b.charge.currency}`;
  const rate = `${b.rate.amount} ${b.rate.currency}`;
  const minimum = b.minimumApplied;
  if (locale === 'zh-CN') {
    const unit = UNIT_ZH[b.unit] ?? b.unit;
    const tail = minimum ? `，低于最低收费，按 ${b.minimumCharge} 收取` : '';
    return `${b.quantity} ${unit} × ${seconds} 秒 = ${hours} ${unit}时 × 每${unit}时 ${rate} = ${exact} → ${charge}（${
      ROUNDING_ZH[b.rounding] ?? b.rounding
    }保留 ${b.precision} 位小数${tail}；价格条目 ${b.itemId}）`;
  }
  const tail = minimum ? `, raised to the minimum charge of ${b.minimumCharge}` : '';
  return `${b.quantity} ${plural(b.unit, b.quantity)} × ${seconds} s = ${hours} ${b.unit}-hours × ${rate} per ${b.unit}-hour = ${exact} → ${charge} (${b.rounding} to ${b.precision} places${tail}; item ${b.itemId})`;
}

function unitHoursOf(b: ChargeBreakdown): string {
  return new BillingDecimal(b.quantity).times(b.billedSeconds).div(3600).toFixed();
}

function plural(unit: string, quantity: string): string {
  return quantity === '1' || unit.endsWith('s') ? unit : `${unit}s`;
}

/** Shortens a long decimal for reading, marking it as approximate when it was shortened. */
function approx(value: string): string {
  const [, fraction = ''] = value.split('.');
  if (fraction.length <= 6) return value;
  return `≈${new BillingDecimal(value).toDecimalPlaces(6).toFixed()}`;
}
