import { startOfLocalDay, wallClock } from '../time/zoned-time.js';

export { isTimeZone } from '../time/zoned-time.js';

/** The calendar year an instant falls in, in `timeZone`. */
export function calendarYear(date: Date, timeZone: string): number {
  return wallClock(date, timeZone).year;
}

/** The first instant of a calendar year in `timeZone` (local midnight of 1 January). */
export function startOfYear(year: number, timeZone: string): Date {
  return startOfLocalDay(year, 1, 1, timeZone);
}
