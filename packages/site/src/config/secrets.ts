import type { SiteConfig } from './schema.js';

const SECRET_KEYS = new Set(['password', 'passphrase', 'privateKey']);

/**
 * Every secret a config holds (passwords, passphrases, inline private keys, the password of the
 * ledger's database URL), so output can be scrubbed of them whatever printed it: an error from a
 * library quoting its options, a connection string in a driver's message.
 */
export function secretsOf(config: SiteConfig): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      if (key !== undefined && SECRET_KEYS.has(key) && value.length > 0) found.push(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(config.clusters);
  const url = config.ledger?.postgres;
  if (url) {
    const password = safeUrl(url)?.password;
    if (password) found.push(password, decodeURIComponent(password));
  }
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Replaces every secret in `text` with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}
