import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, hostKeyVerifier, knownKeysFor, readKnownHosts } from './host-key.js';

const key = randomBytes(51);
const other = randomBytes(51);
const b64 = key.toString('base64');

function knownHosts(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hpckit-kh-')), 'known_hosts');
  writeFileSync(file, text);
  return file;
}

describe('host-key verification', () => {
  it('accepts only keys listed for the host and port in known_hosts', () => {
    const file = knownHosts(
      `[127.0.0.1]:2222 ssh-ed25519 ${b64}\nother.example ssh-ed25519 ${other.toString('base64')}\n`,
    );
    const verify = hostKeyVerifier({ knownHosts: [file] }, '127.0.0.1', 2222, new Map());
    expect(verify(key)).toBe(true);
    expect(verify(other)).toBe(false);
    expect(knownKeysFor([file], '127.0.0.1', 22)).toEqual([]);
  });

  it('matches hashed known_hosts entries', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('login.example').digest('base64');
    const file = knownHosts(`|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${b64}\n`);
    expect(hostKeyVerifier({ knownHosts: [file] }, 'login.example', 22, new Map())(key)).toBe(true);
  });

  it('accepts pinned fingerprints in OpenSSH format', () => {
    const verify = hostKeyVerifier({ fingerprints: [fingerprintOf(key)] }, 'h', 22, new Map());
    expect(fingerprintOf(key)).toMatch(/^SHA256:[A-Za-z0-9+/]+$/);
    expect(verify(key)).toBe(true);
    expect(verify(other)).toBe(false);
  });

  it('trusts the first key on first use only when asked, then refuses a changed key', () => {
    const verify = hostKeyVerifier({ trustOnFirstUse: true }, 'h', 22, new Map());
    expect(verify(key)).toBe(true);
    expect(verify(key)).toBe(true);
    expect(verify(other)).toBe(false);
  });

  it('refuses a key revoked on an @revoked line, whatever host that line names, even if another line lists it', () => {
    const listed = `[127.0.0.1]:2222 ssh-ed25519 ${b64}\nlogin.example ssh-ed25519 ${other.toString('base64')}\n`;
    for (const revocation of [
      `@revoked * ssh-ed25519 ${b64}`,
      `@revoked elsewhere.example ssh-ed25519 ${b64}`,
    ]) {
      const file = knownHosts(`${listed}${revocation}\n`);
      expect(hostKeyVerifier({ knownHosts: [file] }, '127.0.0.1', 2222, new Map())(key)).toBe(false);
      expect(hostKeyVerifier({ knownHosts: [file] }, 'login.example', 22, new Map())(other)).toBe(true);
    }
    // A revocation in one file holds against a listing in another.
    const revokedElsewhere = knownHosts(`@revoked * ssh-ed25519 ${b64}\n`);
    const listing = knownHosts(listed);
    expect(
      hostKeyVerifier({ knownHosts: [listing, revokedElsewhere] }, '127.0.0.1', 2222, new Map())(key),
    ).toBe(false);
    expect(readKnownHosts([listing, revokedElsewhere], '127.0.0.1', 2222)).toEqual({
      keys: [key],
      revoked: [key],
    });
  });

  it('never takes the CA key of an @cert-authority line as a key of the host', () => {
    const file = knownHosts(
      `@cert-authority 127.0.0.1 ssh-ed25519 ${b64}\n@cert-authority [127.0.0.1]:2222 ssh-ed25519 ${b64}\n`,
    );
    expect(hostKeyVerifier({ knownHosts: [file] }, '127.0.0.1', 22, new Map())(key)).toBe(false);
    expect(hostKeyVerifier({ knownHosts: [file] }, '127.0.0.1', 2222, new Map())(key)).toBe(false);
    expect(readKnownHosts([file], '127.0.0.1', 2222)).toEqual({ keys: [], revoked: [] });
  });
});
