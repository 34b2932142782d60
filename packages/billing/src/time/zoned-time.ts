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

type Wall = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

/** The wall-clock fields of an instant in a time zone (month 1–12). */
export function wallClock(date: Date, timeZone: string): Wall {
  const out: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(date)) {
    if (part.type in out) out[part.type as keyof Wall] = Number(part.value);
  }
  return out;
}

/** The zone's offset from UTC at an instant, in minutes (480 for Asia/Shanghai). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const seconds = Math.floor(date.getTime() / 1000) * 1000;
  const w = wallClock(new Date(seconds), timeZone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - seconds) / 60_000);
}

/**
 * The first instant of a local date in `timeZone` (local midnight), found by correcting a UTC
 * guess with the zone's offset at that moment. Month is 1–12 and may overflow into the next year.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const target = Date.UTC(year, month - 1, day);
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

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * An instant as ISO 8601 local time with its offset in `timeZone`
 * (`2026-01-08T10:00:00.000+08:00`): the reader sees the local time and can still recover the
 * exact instant.
 */
export function formatZoned(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${local.toISOString().slice(0, 23)}${zone}`;
}
