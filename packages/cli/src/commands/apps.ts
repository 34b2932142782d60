import {
  type AppSessions,
  type AppSessionStatus,
  commandSessionFiles,
  type ConnectionInfo,
  createAppSessions,
  mockAppHarness,
} from '@hpckit/apps';
import { type AppSession, NotFoundError, ValidationError } from '@hpckit/core';
import type { Command } from 'commander';
import { cliRules } from '../config/cli-rules.js';
import { table } from '../output/io.js';
import { mockHome, type OpenCluster } from '@hpckit/site';
import { clusterOf } from './cluster-of.js';
import { action, type CommandEnv, type RunState } from './env.js';
import { examples } from './help.js';
import { wholeNumberFlag } from './job-spec.js';

// The sessions of the acting user: their files through the transport's commands (as the user,
// whatever the actAs mode), or, on the mock, a simulated compute node in this process.
function sessionsOf(env: CommandEnv): { open: OpenCluster; sessions: AppSessions } {
  const open = clusterOf(env);
  if (open.transport) {
    const files = commandSessionFiles(open.transport, open.user);
    return { open, sessions: createAppSessions({ client: open.client, files, cluster: open.name }) };
  }
  // The sessions' directories are the mock's working directories: with `homes`, it writes them there.
  const home = open.cluster.homes ? mockHome(open.cluster.homes, open.user) : undefined;
  const harness = mockAppHarness({
    client: open.client,
    ...(open.mock ? { adapter: open.mock } : {}),
    ...(home ? { home } : {}),
  });
  env.onClose(() => harness.close());
  return {
    open,
    sessions: createAppSessions({ client: open.client, files: harness.files, cluster: open.name }),
  };
}

async function sessionOf(sessions: AppSessions, jobId: string): Promise<AppSessionStatus> {
  const found = (await sessions.list()).find((s) => s.jobId === jobId);
  if (!found) throw new NotFoundError({ details: { kind: 'app session', id: jobId } });
  return found;
}

function formOf(fields: readonly string[]): Record<string, string> {
  const form: Record<string, string> = {};
  for (const field of fields) {
    const at = field.indexOf('=');
    if (at <= 0) {
      throw new ValidationError({
        details: {
          subject: 'form',
          issues: [cliRules.validationIssue(['form'], 'not_a_form_value', { value: field })],
        },
      });
    }
    form[field.slice(0, at)] = field.slice(at + 1);
  }
  return form;
}

const sessionJson = (s: AppSession, state?: string) => ({
  jobId: s.jobId,
  appId: s.appId,
  cluster: s.cluster,
  user: s.user,
  createdAt: s.createdAt.toISOString(),
  directory: s.directory,
  ...(state ? { state } : {}),
});

// How to open a session from this machine: its URL, and over ssh the tunnel to the node first.
function connectJson(open: OpenCluster, s: AppSession, c: ConnectionInfo) {
  const ssh = open.cluster.transport?.kind === 'ssh' ? sshOf(open) : undefined;
  if (!ssh) return { ...sessionJson(s), url: c.url };
  const local = new URL(c.url);
  local.host = `localhost:${c.port}`;
  const tunnel = `ssh -N -L ${c.port}:${c.address}:${c.port} ${ssh.port === 22 ? '' : `-p ${ssh.port} `}${ssh.login}@${ssh.host}`;
  return { ...sessionJson(s), url: local.toString(), tunnel, nodeUrl: c.url };
}

function sshOf(open: OpenCluster) {
  const t = open.cluster.transport as { host?: string; port?: number; credentials?: { username?: string } };
  const login = open.user ?? t.credentials?.username;
  return t.host && login ? { host: t.host, port: t.port ?? 22, login } : undefined;
}

const connectText = (c: { url: string; tunnel?: string }) =>
  c.tunnel ? `first, in another terminal:\n  ${c.tunnel}\nthen open:\n  ${c.url}\n` : `open:\n  ${c.url}\n`;

/** `hpckit apps …`: interactive app sessions (JupyterLab, Jupyter Notebook, a web server). */
export function appsCommand(program: Command, state: RunState): void {
  const apps = program
    .command('apps')
    .description('interactive app sessions (jupyter-lab, jupyter-notebook, web-server) as batch jobs');

  apps
    .command('list')
    .description("the acting user's sessions, newest first, with their jobs' states")
    .option('--app <id>', 'only sessions of this app')
    .addHelpText(
      'after',
      examples(['hpckit --as alice apps list', 'hpckit apps list --app jupyter-lab --json']),
    )
    .action(
      action(state, async (env, opts: { app?: string }) => {
        const { sessions } = sessionsOf(env);
        const all = await sessions.list(opts.app ? { appId: opts.app } : {});
        const stateOf = (s: AppSessionStatus) => s.state.outcome ?? s.state.phase;
        return {
          json: { sessions: all.map((s) => sessionJson(s, stateOf(s))) },
          text: table(
            ['job', 'app', 'state', 'created', 'directory'],
            all.map((s) => [s.jobId, s.appId, stateOf(s), s.createdAt.toISOString(), s.directory]),
          ),
        };
      }),
    );

  apps
    .command('create')
    .description('start a session of an app, its form given as name=value; with --wait, until it answers')
    .argument('<app>', 'app id: jupyter-lab, jupyter-notebook, web-server')
    .argument('[fields...]', 'form values, e.g. hours=2 cores=4 partition=cpu')
    .option('--wait', 'wait until the server answers, then print how to open it')
    .option('--timeout <seconds>', 'give up waiting after this many seconds', '300')
    .addHelpText(
      'after',
      examples([
        'hpckit --as alice apps create jupyter-lab hours=2 cores=4',
        'hpckit apps create jupyter-lab hours=1 --wait --json',
      ]),
    )
    .action(
      action(state, async (env, app: string, fields: string[], opts: { wait?: boolean; timeout: string }) => {
        const timeoutMs = wholeNumberFlag(opts.timeout, 'timeout')! * 1000;
        const { open, sessions } = sessionsOf(env);
        const session = await sessions.create(app, formOf(fields));
        if (!opts.wait) {
          return {
            json: sessionJson(session),
            text: `session ${session.jobId} of ${app} submitted; "hpckit apps connect ${session.jobId}" once it runs\n`,
          };
        }
        // A session that never answers is cancelled, not left holding its cores.
        const ready = await sessions.waitReady(session, { timeoutMs }).catch(async (err: unknown) => {
          await sessions.cancel(session).catch(() => undefined);
          throw err;
        });
        const json = connectJson(open, session, ready.connection);
        return { json, text: `session ${session.jobId} of ${app} is ready;\n${connectText(json)}` };
      }),
    );

  apps
    .command('connect')
    .description('how to open a running session: its URL, and over ssh the tunnel to its node')
    .argument('<job>', "the session's job id")
    .addHelpText(
      'after',
      examples(['hpckit --as alice apps connect 1234', 'hpckit apps connect 1234 --json']),
    )
    .action(
      action(state, async (env, job: string) => {
        const { open, sessions } = sessionsOf(env);
        const session = await sessionOf(sessions, job);
        const json = connectJson(open, session, await sessions.connection(session));
        return { json, text: connectText(json) };
      }),
    );

  apps
    .command('cancel')
    .description('end a session (cancels its job)')
    .argument('<job>', "the session's job id")
    .addHelpText('after', examples(['hpckit --as alice apps cancel 1234']))
    .action(
      action(state, async (env, job: string) => {
        const { sessions } = sessionsOf(env);
        const session = await sessionOf(sessions, job);
        await sessions.cancel(session);
        return { json: sessionJson(session, 'cancelled'), text: `cancelled session ${job}\n` };
      }),
    );
}
