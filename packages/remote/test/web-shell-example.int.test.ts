/**
 * examples/web-shell.ts against the real sshd: the browser side of the protocol as a portal's
 * xterm.js would speak it.
 */
import { afterAll, expect, it } from 'vitest';
import { testClusterTransport, webShellScenario } from '../../../examples/web-shell.js';
import { assertSshdUp } from './cluster.js';

assertSshdUp();
const transport = testClusterTransport();
afterAll(() => transport.close());

it('examples/web-shell.ts: keystrokes and resizes reach the PTY, bad control frames are answered, pasted JSON is text', async () => {
  const { screen, controls } = await webShellScenario(transport);
  expect(screen).toMatch(/hello from alice on /);
  expect(screen).toMatch(/^24 80\r?$/m);
  // The valid resize applied; the one of 5000 rows was refused without closing the shell.
  expect(screen).toMatch(/^50 132\r?$/m);
  // A keystroke frame that starts like a control message went to bash as typed.
  expect(screen).toMatch(/\{type:resize\}: command not found/);
  expect(controls).toEqual([
    { type: 'error', message: expect.stringMatching(/terminal control message.*rows.*1000/s) },
    { type: 'error', message: expect.stringMatching(/must be one JSON control message/) },
    { type: 'exit', code: 0, signal: null },
  ]);
}, 30_000);
