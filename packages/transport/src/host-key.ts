import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { transportRules } from './transport-rules.js';

/**
 * How the SSH host's key is checked. Verification is on by default: against known_hosts files or
 * pinned SHA-256 fingerprints. Trust-on-first-use (remember the first key seen, refuse any other)
 * exists only as an explicit choice.
 */
export const HostKeyPolicySchema = z.union([
  z.strictObject({
    /**
     * known_hosts files to search (OpenSSH format, hashed entries included). A key on an
     * `@revoked` line is refused for every host; `@cert-authority` lines are not supported (host
     * certificates are not checked, and the CA key never counts as the host's key).
     */
    knownHosts: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    /** Accepted fingerprints as OpenSSH prints them: `SHA256:…` (base64, no padding). */
    fingerprints: z
      .array(
        z.string().regex(/^SHA256:[A-Za-z0-9+/]+=*$/, { error: transportRules.error('fingerprint_format') }),
      )
      .min(1),
  }),
  z.strictObject({
    /** Accept the first key seen for a host and refuse any other afterwards. */
    trustOnFirstUse: z.literal(true),
  }),
]);

/** A validated host-key policy. */
export type HostKeyPolicy = z.output<typeof HostKeyPolicySchema>;

/** OpenSSH's fingerprint of a public key blob: `SHA256:` and unpadded base64. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The host key check for `host:port` under `policy`: a function from the key blob to accepted. */
export function hostKeyVerifier(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  tofu: Map<string, string>,
): (key: Buffer) => boolean {
  if ('fingerprints' in policy) {
    const accepted = new Set(policy.fingerprints.map((f) => f.replace(/=+$/, '')));
    return (key) => accepted.has(fingerprintOf(key));
  }
  if ('trustOnFirstUse' in policy) {
    const id = `${host}:${port}`;
    return (key) => {
      const seen = tofu.get(id);
      if (seen === undefined) {
        tofu.set(id, fingerprintOf(key));
        return true;
      }
      return seen === fingerprintOf(key);
    };
  }
  const keys = knownKeysFor(policy.knownHosts, host, port);
  return (key) => keys.some((k) => k.equals(key));
}

/** What known_hosts files say about one host: the keys listed for it and every revoked key. */
export interface KnownHostKeys {
  /** Key blobs listed for the host (plain or hashed names, `[host]:port` form). */
  keys: Buffer[];
  /**
   * Key blobs on `@revoked` lines, whatever host pattern those lines name: OpenSSH says a revoked
   * key "must not ever be accepted", and a key compromised for one host is compromised for all.
   */
  revoked: Buffer[];
}

/**
 * Reads known_hosts files for `host:port`. A missing or unreadable file adds nothing (so the host
 * is refused). `@revoked` keys are refused even when another line lists them. `@cert-authority`
 * lines are not supported: host certificates are not checked, and the CA key on such a line is
 * never taken as a key of the host itself (that would trust any host presenting the CA's key).
 */
export function readKnownHosts(files: readonly string[], host: string, port: number): KnownHostKeys {
  const names = port === 22 ? [host, `[${host}]:22`] : [`[${host}]:${port}`];
  const keys: Buffer[] = [];
  const revoked: Buffer[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts[0] === undefined || parts[0].startsWith('#')) continue;
      const marker = parts[0].startsWith('@') ? parts.shift() : undefined;
      if (parts.length < 3) continue;
      const [hosts, , blob] = parts as [string, string, string];
      if (marker === '@revoked') revoked.push(Buffer.from(blob, 'base64'));
      // Any other marker ("@cert-authority", or one OpenSSH may add later) is not a host key.
      else if (marker === undefined && hostsMatch(hosts, names)) keys.push(Buffer.from(blob, 'base64'));
    }
  }
  return { keys, revoked };
}

/** Key blobs that known_hosts files list for a host and do not revoke. */
export function knownKeysFor(files: readonly string[], host: string, port: number): Buffer[] {
  const { keys, revoked } = readKnownHosts(files, host, port);
  return keys.filter((k) => !revoked.some((r) => r.equals(k)));
}

function hostsMatch(field: string, names: readonly string[]): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return names.some(
      (n) => createHmac('sha1', Buffer.from(salt, 'base64')).update(n).digest('base64') === hash,
    );
  }
  const patterns = field.split(',');
  if (patterns.some((p) => p.startsWith('!') && names.includes(p.slice(1)))) return false;
  return patterns.some((p) => names.includes(p));
}
