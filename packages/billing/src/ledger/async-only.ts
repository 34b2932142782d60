/**
 * Makes every operation report bad input and refused permissions as a rejected promise, never a
 * synchronous throw, so `await`-less callers (`.catch`) see every failure the same way.
 */
export function asyncOnly<T extends object>(ops: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ops)) {
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown)(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return out as T;
}
