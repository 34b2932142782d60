import { openShell, type SessionSource } from '@hpckit/remote';
import type { PortalServices } from './services.js';

/**
 * `services.shell` on a real site: a login shell on a PTY over SSH, as the user (the transport
 * logs in with the user's own credentials, `actAs: { mode: 'credentials' }`); `cwd` is checked
 * over SFTP by `openShell` and reaches the remote shell as one quoted word.
 */
export const sshShells =
  (transport: SessionSource): PortalServices['shell'] =>
  (user, { rows, cols, cwd }) =>
    openShell({ transport, user, rows, cols, cwd });
