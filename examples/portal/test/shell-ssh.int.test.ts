import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertClusterUp, sshPerUser } from '../../../test/support/test-cluster.js';
import { sshShells } from '../src/ssh-shells.js';
import { startPortal } from './start-portal.js';
import { opened, openTerminal } from './terminal-client.js';
import { visitorOf } from './visitor.js';

// The real-site wiring of the shell: services.shell is openShell over the test cluster's sshd
// (127.0.0.1:2222, each user's own key), reached through the portal's /shell/socket.
assertClusterUp();
const transport = sshPerUser();
let portal: Awaited<ReturnType<typeof startPortal>>;

beforeAll(async () => {
  portal = await startPortal({}, {}, { shell: sshShells(transport) });
}, 30_000);
afterAll(async () => {
  await portal?.close();
  await transport.close();
});

describe('the shell socket on a real login shell over SSH', () => {
  it("runs alice's commands as alice, follows a resize, and ends with the shell's exit code", async () => {
    const alice = visitorOf(portal);
    await alice.signIn('alice');
    const socket = `${portal.url.replace('http', 'ws')}/shell/socket?rows=24&cols=80`;
    const term = opened(await openTerminal(socket, { origin: portal.url, cookie: alice.cookies() }));
    // bash expands what the mock shell would not: proof this is the login node's shell.
    term.type('echo "hpckit $((6*7)) $(whoami)"\n');
    await term.waitFor(/hpckit 42 alice/, 15_000);
    term.control(JSON.stringify({ type: 'resize', rows: 33, cols: 101 }));
    term.type('stty size\n');
    await term.waitFor(/33 101/, 15_000);
    term.type('exit 5\n');
    await term.closed;
    expect(term.controls).toEqual([{ type: 'exit', code: 5, signal: null }]);
  });
});
