const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      // Without the era, 1 BC and AD 1 would both read as year 1.
      era: 'short',
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

/** The wall-clock fields of an instant in a time zone (month 1–12; year 0 is 1 BC, -1 is 2 BC). */
export function wallClock(date: Date, timeZone: string): Wall {
  const out: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeChrist = false;
  for (const part of formatter(timeZone).formatToParts(date)) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else if (part.type in out) out[part.type as keyof Wall] = Number(part.value);
  }
  if (beforeChrist) out.year = 1 - out.year;
  return out;
}

const DAY_MS = 86_400_000;
/** `Date`'s range ends this many ms either side of 1970. */
const DATE_LIMIT_MS = 8.64e15;

/**
 * A wall-clock time read as if it were UTC, in epoch ms, by arithmetic (Howard Hinnant's
 * `days_from_civil`): unlike `Date.UTC`, years 0–99 stay themselves instead of becoming
 * 1900–1999, and local times just past the ends of `Date`'s range still have a value. Months and
 * days may overflow into the next ones.
 */
function wallMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const carry = Math.floor((month - 1) / 12);
  const m = month - carry * 12;
  // The computation counts years from March, so January and February belong to the year before.
  const y = year + carry - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return days * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

// The zone's exact offset in ms at an instant (old local mean times have seconds: Shanghai was
// +08:05:43). Past the ends of Date's range, the offset at the end holds: no zone changes there.
function offsetMs(instant: number, timeZone: string): number {
  const probe = Math.floor(Math.min(DATE_LIMIT_MS, Math.max(-DATE_LIMIT_MS, instant)) / 1000) * 1000;
  const w = wallClock(new Date(probe), timeZone);
  return wallMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - probe;
}

/** The local wall-clock time of an instant in `timeZone`, read as if it were UTC, in epoch ms. */
function localMs(instant: number, timeZone: string): number {
  return instant + offsetMs(instant, timeZone);
}

/** The zone's offset from UTC at an instant, in minutes (480 for Asia/Shanghai). */
function offsetMinutes(date: Date, timeZone: string): number {
  return Math.round(offsetMs(date.getTime(), timeZone) / 60_000);
}

/**
 * The first instant of a local date in `timeZone`: the first instant whose local date is that day
 * or later. Usually local midnight; where the clocks jump over midnight (Africa/Cairo on
 * 2023-04-28, Asia/Beirut on 2024-03-31) it is the instant of the jump, when they read 01:00, and
 * where a whole day is skipped (Pacific/Apia on 2011-12-30) it is the start of the day after.
 * Month is 1–12 and may overflow into the next year, as may the day.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const midnight = wallMs(year, month, day);
  // Any offset change near midnight lies between the offsets a day before and a day after it.
  const candidates = [...new Set([DAY_MS, -DAY_MS].map((d) => midnight - offsetMs(midnight - d, timeZone)))];
  candidates.sort((a, b) => a - b);
  // Both are midnight where the clocks go back over it: the day starts at the first.
  const exact = candidates.find((c) => localMs(c, timeZone) === midnight);
  if (exact !== undefined) return new Date(exact);
  // Midnight does not exist: the day starts when the clocks jump past it, somewhere between the
  // candidates. Transitions fall on whole seconds, so a binary search over seconds finds it.
  let low = Math.floor(candidates[0]! / 1000);
  let high = Math.ceil(candidates[candidates.length - 1]! / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (localMs(mid * 1000, timeZone) >= midnight) high = mid;
    else low = mid;
  }
  return new Date(high * 1000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * An instant as ISO 8601 local time with its offset in `timeZone`
 * (`2026-01-08T10:00:00.000+08:00`): the reader sees the local time and can still recover the
 * exact instant. Years outside 0–9999 use ISO 8601's expanded form with sign and six digits
 * (`+010000-01-01T…`, `-000001-…`), which `new Date()` reads back; the offset is rounded to whole
 * minutes and the local time follows it, so the instant always round-trips.
 */
export function formatZoned(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const local = civil(date.getTime() + offset * 60_000);
  const year =
    local.year >= 0 && local.year <= 9999
      ? pad(local.year, 4)
      : `${local.year < 0 ? '-' : '+'}${pad(local.year, 6)}`;
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${year}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}.${pad(local.ms, 3)}${zone}`;
}

/**
 * The proleptic Gregorian fields of epoch ms read as UTC, for any finite value: unlike `Date`,
 * not limited to ±8.64e15 ms, which local time near the ends of `Date`'s range goes beyond.
 * (Howard Hinnant's `civil_from_days`.)
 */
function civil(ms: number): Wall & { ms: number } {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return { year, month, day, hour, minute, second, ms: rest - second * 1000 };
}
