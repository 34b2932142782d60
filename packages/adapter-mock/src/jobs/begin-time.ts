const UNITS: Record<string, number> = {
  '': 1,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
};

/**
 * Parses a `--begin` value into virtual ms, or returns `undefined` if it is not one. Accepts `now`,
 * `now+N[unit]` (seconds by default, as in Slurm; units `s`, `m`/`minutes`, `h`/`hours`,
 * `d`/`days`, `w`/`weeks`), `YYYY-MM-DD[THH:MM[:SS]]` and `HH:MM[:SS]` (the next such time). The
 * mock's clock is UTC.
 */
export function parseBeginTime(text: string, nowMs: number): number | undefined {
  const s = text.trim().toLowerCase();
  const relative = /^now(?:\+(\d+)([a-z]*))?$/.exec(s);
  if (relative) {
    const unit = UNITS[relative[2] ?? ''];
    if (unit === undefined) return undefined;
    return nowMs + Number(relative[1] ?? 0) * unit * 1000;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (date) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0'] = date;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
    const parsed = new Date(ms);
    const sameDay = parsed.getUTCMonth() === Number(mo) - 1 && parsed.getUTCDate() === Number(d);
    const valid = sameDay && Number(h) < 24 && Number(mi) < 60 && Number(sec) < 60;
    return valid ? ms : undefined;
  }
  const clock = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (clock) {
    const [, h, mi, sec = '0'] = clock;
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
    const day = new Date(nowMs);
    const today = Date.UTC(
      day.getUTCFullYear(),
      day.getUTCMonth(),
      day.getUTCDate(),
      Number(h),
      Number(mi),
      Number(sec),
    );
    return today > nowMs ? today : today + 86_400_000;
  }
  return undefined;
}
