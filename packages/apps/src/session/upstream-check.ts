import { isIP } from 'node:net';
import {
  type App,
  type AppSession,
  isHpckitError,
  type Job,
  type NodeAddress,
  PermissionError,
} from '@hpckit/core';
import type { ConnectionFile } from './connection-file.js';
import type { HostResolver } from './resolve-host.js';
import { hostKey, upstreamOrigin } from './upstream-origin.js';

/** An upstream that passed the built-in checks, as {@link AllowUpstream} sees it. */
export interface UpstreamCandidate {
  /** The host the connection file names. */
  host: string;
  port: number;
  /**
   * Where the proxy connects: `host` itself when the scheduler names the node so, else the IP
   * address `host` resolved to (pinned, so a later DNS answer cannot move the proxy elsewhere).
   */
  address: string;
  session: AppSession;
  /** The session's job, running, with its `nodeList`. */
  job: Job;
}

/**
 * A site's own rule about where the portal may proxy, run after the built-in checks (which it
 * cannot loosen): `false` or a throw refuses the upstream, `true` allows it.
 *
 * @example
 * ```ts
 * const allowUpstream: AllowUpstream = ({ address }) => address.startsWith('10.20.');
 * ```
 */
export type AllowUpstream = (candidate: UpstreamCandidate) => boolean | Promise<boolean>;

/** Where a session's server is, once checked. */
export interface CheckedUpstream {
  host: string;
  port: number;
  address: string;
  /** `http://address:port`. */
  origin: string;
}

/** What {@link checkUpstream} checks a connection file against. */
export interface UpstreamCheckInput {
  app: App;
  session: AppSession;
  job: Job;
  conn: ConnectionFile;
  /** The connection file's path, for messages. */
  path: string;
  /** The job's nodes with their host names and addresses. */
  nodes: readonly NodeAddress[];
  resolveHost: HostResolver;
  allowUpstream?: AllowUpstream;
}

/**
 * Checks that a session's connection file points at its own server before anything connects to
 * it: the file names the session's job, its host is a URL host as written and one of the job's
 * nodes (by the scheduler's name, host name or address, or by resolving only to their addresses),
 * its port lies in the app's `portRange`, and the site's {@link AllowUpstream} agrees. The user's
 * job writes the file in the user's home, so without this the user could point the portal's
 * proxy at any service the portal reaches (`127.0.0.1:5432`, `169.254.169.254`).
 *
 * @throws `PARSE` for a host that is not a host name or IP address; `PERMISSION_DENIED` naming the
 * field otherwise. Neither quotes the secret.
 */
export async function checkUpstream(input: UpstreamCheckInput): Promise<CheckedUpstream> {
  const { app, session, job, conn, path, nodes } = input;
  const { host, port } = conn;
  const refuse = (message: string, hint: string, zh: { message: string; hint: string }, cause?: unknown) =>
    new PermissionError({
      details: { action: `proxy to the server of app session ${session.id}`, user: session.user },
      message: `the connection file ${path} is refused: ${message}`,
      hint,
      translations: { 'zh-CN': `连接文件 ${path} 被拒绝：${zh.message}。${zh.hint}。` },
      ...(cause !== undefined && { cause }),
    });

  if (conn.jobId !== session.jobId) {
    throw refuse(
      `field "jobId" (${JSON.stringify(conn.jobId.slice(0, 64))}) is not the session's job ${session.jobId}`,
      "a session's server is the one its own job started; the file was written by something else",
      {
        message: `字段 "jobId"（${JSON.stringify(conn.jobId.slice(0, 64))}）不是该会话的作业 ${session.jobId}`,
        hint: '会话的服务器只能是它自己的作业启动的那个；该文件是别的程序写的',
      },
    );
  }
  // Before anything compares or resolves the host: it must be one a URL keeps as it is.
  upstreamOrigin(host, port, `field "host" of the connection file ${path}`);
  const { min, max } = app.portRange;
  if (port < min || port > max) {
    throw refuse(
      `field "port" (${port}) is outside the port range ${min}-${max} of app ${app.id}`,
      "the session script picks a port in the app's portRange; the file was written by something else",
      {
        message: `字段 "port"（${port}）不在应用 ${app.id} 的端口范围 ${min}-${max} 之内`,
        hint: '会话脚本会在应用的 portRange 中选择端口；该文件是别的程序写的',
      },
    );
  }
  const address = await nodeAddressOf(host, nodes, input.resolveHost);
  if (address === undefined) {
    const names = nodes.map((n) => n.name).join(', ') || 'none';
    throw refuse(
      `field "host" (${JSON.stringify(host.slice(0, 200))}) is not one of the nodes of job ${job.id} (${names}), by name, host name or address`,
      "the session script writes the node's hostname; the file was written by something else, or the portal resolves the node's name to another address",
      {
        message: `字段 "host"（${JSON.stringify(host.slice(0, 200))}）按名称、主机名或地址都不是作业 ${job.id} 的节点（${names}）之一`,
        hint: '会话脚本写入的是节点的主机名；该文件是别的程序写的，或门户把节点名解析到了别的地址',
      },
    );
  }
  if (input.allowUpstream) {
    let allowed: boolean;
    try {
      allowed = await input.allowUpstream({ host, port, address, session, job });
    } catch (err) {
      if (isHpckitError(err)) throw err;
      throw refuse(
        `the site's allowUpstream refused ${address}:${port}: ${err instanceof Error ? err.message : String(err)}`,
        "ask the portal's administrators which upstreams its allowUpstream accepts",
        {
          message: `站点的 allowUpstream 拒绝了 ${address}:${port}：${err instanceof Error ? err.message : String(err)}`,
          hint: '请向门户管理员询问其 allowUpstream 接受哪些上游地址',
        },
        err,
      );
    }
    if (allowed !== true) {
      throw refuse(
        `the site's allowUpstream refused ${address}:${port}`,
        "ask the portal's administrators which upstreams its allowUpstream accepts",
        {
          message: `站点的 allowUpstream 拒绝了 ${address}:${port}`,
          hint: '请向门户管理员询问其 allowUpstream 接受哪些上游地址',
        },
      );
    }
  }
  return { host, port, address, origin: upstreamOrigin(address, port, 'the address') };
}

/**
 * Where the proxy should connect for `host`, if it is one of `nodes`: the host itself when the
 * scheduler names a node so, else the address it resolves to when every address it resolves to
 * is one of the nodes' addresses.
 */
async function nodeAddressOf(
  host: string,
  nodes: readonly NodeAddress[],
  resolveHost: HostResolver,
): Promise<string | undefined> {
  const key = hostKey(host);
  const named = nodes.flatMap((n) => [n.name, n.hostname, n.address]);
  if (named.some((n) => hostKey(n) === key)) return host;
  const resolve = async (name: string) => {
    try {
      return isIP(name) ? [name] : await resolveHost(name);
    } catch {
      return [];
    }
  };
  const [mine, theirs] = await Promise.all([
    resolve(host),
    Promise.all([...new Set(named)].map(resolve)).then((all) => new Set(all.flat().map(hostKey))),
  ]);
  // Every address: a name that also resolves elsewhere could send the proxy there.
  if (mine.length === 0 || !mine.every((a) => theirs.has(hostKey(a)))) return undefined;
  return mine[0];
}
