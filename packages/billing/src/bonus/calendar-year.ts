const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA time zone this runtime knows (`"Asia/Shanghai"`, `"UTC"`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(
  date: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(date)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  return out;
}

/** The calendar year an instant falls in, in `timeZone`. */
export function calendarYear(date: Date, timeZone: string): number {
  return wallClock(date, timeZone).year;
}

/**
 * The first instant of a calendar year in `timeZone` (local midnight of 1 January), found by
 * correcting a UTC guess with the zone's offset at that moment.
 */
export function startOfYear(year: number, timeZone: string): Date {
  const target = Date.UTC(year, 0, 1);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    const next = guess + (target - local);
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}
