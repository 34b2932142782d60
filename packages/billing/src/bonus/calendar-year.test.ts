import { describe, expect, it } from 'vitest';
import { calendarYear, isTimeZone, startOfYear } from './calendar-year.js';

describe('calendar years in a time zone', () => {
  it('puts 2024-12-31T16:00Z in 2025 in Shanghai and in 2024 in UTC', () => {
    const instant = new Date('2024-12-31T16:00:00Z');
    expect(calendarYear(instant, 'Asia/Shanghai')).toBe(2025);
    expect(calendarYear(new Date(instant.getTime() - 1), 'Asia/Shanghai')).toBe(2024);
    expect(calendarYear(instant, 'UTC')).toBe(2024);
  });

  it.each([
    ['Asia/Shanghai', 2025, '2024-12-31T16:00:00.000Z'],
    ['UTC', 2025, '2025-01-01T00:00:00.000Z'],
    ['America/New_York', 2025, '2025-01-01T05:00:00.000Z'],
    ['Pacific/Kiritimati', 2025, '2024-12-31T10:00:00.000Z'],
  ])('starts %s %i at %s', (zone, year, iso) => {
    expect(startOfYear(year, zone).toISOString()).toBe(iso);
  });

  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('China/Beijing')).toBe(false);
  });
});
