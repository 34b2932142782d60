/**
 * An in-process ssh2 server for the SSH transport's unit tests. It accepts any login and records
 * who logged in and what ran; its commands answer at once, in one socket write, the case a loaded
 * machine produces now and then with real sshd:
 * - `exit <n>`: prints `ran exit <n>` and `warn` on stderr, exits n;
 * - `signal <NAME>`: ends by that signal;
 * - `wait <ms>`: exits 0 after ms (a slow command, or a channel held open);
 * - `id -u -- <user>`: the uid of `UIDS[user]`, or id's "no such user";
 * - `vanish`: closes its channel without an exit status (a session lost mid-command);
 * - anything else: prints `ran <command>`, `warn` on stderr, exits 0.
 */
import type { AddressInfo } from 'node:net';
import { Server, utils } from 'ssh2';

/** The uids `id -u -- <user>` answers with. */
const UIDS: Readonly<Record<string, number>> = {
  portal: 2003,
  alice: 2001,
  bob: 2002,
  carol: 2004,
  toor: 0,
};

export interface TestSshd {
  port: number;
  /** The public key blob of the server's host key (for known_hosts lines and fingerprints). */
  hostKey: Buffer;
  /** Login names of every authenticated connection, in order. */
  readonly logins: string[];
  /** Every command line run, with the login it ran as. */
  readonly commands: { login: string; command: string }[];
  /** Connections of `login` open now. */
  openConnections(login: string): number;
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startTestSshd(): Promise<TestSshd> {
  const privateKey = utils.generateKeyPairSync('ed25519').private;
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw parsed;
  const logins: string[] = [];
  const commands: { login: string; command: string }[] = [];
  const open = new Map<string, number>();
  const server = new Server({ hostKeys: [privateKey] }, (client) => {
    let login = '';
    client.on('authentication', (ctx) => {
      login = ctx.username;
      ctx.accept();
    });
    client.on('ready', () => {
      logins.push(login);
      open.set(login, (open.get(login) ?? 0) + 1);
    });
    client.on('close', () => {
      if (login && logins.includes(login)) open.set(login, (open.get(login) ?? 1) - 1);
    });
    client.on('error', () => undefined);
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        commands.push({ login, command: info.command });
        const signal = /^signal (\w+)$/.exec(info.command)?.[1];
        if (signal) {
          stream.exit(signal, false, '');
          stream.end();
          return;
        }
        const wait = /^wait (\d+)$/.exec(info.command)?.[1];
        if (wait) {
          const timer = setTimeout(() => {
            stream.exit(0);
            stream.end();
          }, Number(wait));
          stream.on('close', () => clearTimeout(timer));
          return;
        }
        if (info.command === 'vanish') {
          stream.close();
          return;
        }
        const id = /^id -u -- (\S+)$/.exec(info.command)?.[1];
        if (id) {
          if (id in UIDS) stream.write(`${UIDS[id]}\n`);
          else stream.stderr.write(`id: '${id}': no such user\n`);
          stream.exit(id in UIDS ? 0 : 1);
          stream.end();
          return;
        }
        // Everything in one tick, so it leaves in one write: `exit 3` prints and fails at once.
        const code = Number(/^exit (\d+)$/.exec(info.command)?.[1] ?? 0);
        stream.write(`ran ${info.command}\n`);
        stream.stderr.write('warn\n');
        stream.exit(code);
        stream.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hostKey: parsed.getPublicSSH(),
    logins,
    commands,
    openConnections: (login) => open.get(login) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
