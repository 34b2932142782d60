/**
 * Whether an HTTP server answers at `url` (any status below 500) within `timeoutMs`. The probe
 * sends no credentials: answering at all is what "ready" means.
 */
export type ServerProbe = (url: string, timeoutMs: number) => Promise<boolean>;

/** The default {@link ServerProbe}, with Node's fetch. */
export const httpProbe: ServerProbe = async (url, timeoutMs) => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
};
