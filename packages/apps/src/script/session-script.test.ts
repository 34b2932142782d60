import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineApp } from '../definition/app-definition.js';
import { parseConnectionFile } from '../session/connection-file.js';
import { renderSessionScript } from './session-script.js';

const root = mkdtempSync(join(tmpdir(), 'hpckit-apps-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The app's script records what it was given instead of starting a server.
const app = defineApp({
  id: 'probe',
  name: 'Probe',
  kind: 'web',
  script: 'printf "%s\\n" "$HPCKIT_FORM_NOTE" > note.txt; echo "$HPCKIT_PORT" > port.txt',
  connect: { path: '/' },
});

function runSession(sessionId: string, note: string) {
  const directory = join(root, `dir with 'quote' ${sessionId}`);
  const script = renderSessionScript({ app, sessionId, directory, values: { note } });
  execFileSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root } });
  return directory;
}

describe('the rendered session script, run by bash', () => {
  const hostile = `$(touch ${root}/pwned); \`id\` "x" 'y' ; rm -rf /nonexistent ✓`;
  const dir = runSession('s1', hostile);

  it('writes a private connection file with host, free port and a 256-bit token', () => {
    const conn = parseConnectionFile(readFileSync(join(dir, 'connection.json'), 'utf8'), 'connection.json');
    expect(conn.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(conn.port).toBeGreaterThanOrEqual(20000);
    expect(conn.port).toBeLessThan(60000);
    expect(readFileSync(join(dir, 'port.txt'), 'utf8').trim()).toBe(String(conn.port));
    expect(statSync(join(dir, 'connection.json')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('hands form values to the app verbatim, never executing them', () => {
    expect(readFileSync(join(dir, 'note.txt'), 'utf8')).toBe(`${hostile}\n`);
    expect(() => statSync(join(root, 'pwned'))).toThrow();
  });

  it('generates a different token for every session', () => {
    const other = runSession('s2', 'n');
    const a = JSON.parse(readFileSync(join(dir, 'connection.json'), 'utf8')).secret;
    const b = JSON.parse(readFileSync(join(other, 'connection.json'), 'utf8')).secret;
    expect(a).not.toBe(b);
  });
});
