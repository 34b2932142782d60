/**
 * The mock cluster that mirrors the live test cluster, read through the Slurm adapter (partitions,
 * nodes, QoS, accounts and members) plus the few facts the adapter does not report (the cluster-wide
 * DefMemPerCPU, users' uids and default accounts), so the mock and the cluster cannot drift apart.
 */
import type { MockClusterInput } from '@hpckit/adapter-mock';
import type { SchedulerAdapter } from '@hpckit/core';
import type { Transport } from '@hpckit/transport';

/** Runs `argv` and returns its stdout, failing with its stderr. */
async function run(transport: Transport, argv: string[]): Promise<string> {
  const out = await transport.exec({ argv });
  if (out.exitCode !== 0) throw new Error(`${argv.join(' ')} failed (${out.exitCode}): ${out.stderr}`);
  return out.stdout;
}

/** A numeric setting of `scontrol show config` (`DefMemPerCPU`, `MinJobAge`), if set. */
async function controllerSetting(transport: Transport, name: string): Promise<number | undefined> {
  const config = await run(transport, ['scontrol', 'show', 'config']);
  const value = new RegExp(`^${name}\\s*=\\s*(\\d+)`, 'm').exec(config)?.[1];
  return value === undefined ? undefined : Number(value);
}

/** The mock options that mirror the cluster `slurm` talks to: its cluster and its MinJobAge. */
export async function mirrorOptions(
  slurm: SchedulerAdapter,
  transport: Transport,
): Promise<{ cluster: MockClusterInput; minJobAge: number }> {
  const minJobAge = (await controllerSetting(transport, 'MinJobAge')) ?? 300;
  return { cluster: await mirrorCluster(slurm, transport), minJobAge };
}

/** Builds the mirror of the cluster `slurm` talks to; `transport` runs on that cluster's host. */
async function mirrorCluster(slurm: SchedulerAdapter, transport: Transport): Promise<MockClusterInput> {
  const ctx = {};
  const config = await slurm.config.cluster(ctx);
  const accounts = (await slurm.accounts.list?.({}, ctx)) ?? [];
  const memberNames = [...new Set(accounts.flatMap((a) => a.members.map((m) => m.user)))].sort();
  const defaults = new Map(
    (await run(transport, ['sacctmgr', '-n', '-P', 'show', 'user', 'format=user,defaultaccount']))
      .trim()
      .split('\n')
      .map((line) => line.split('|') as [string, string]),
  );
  const users = await Promise.all(
    memberNames.map(async (name) => ({
      name,
      uid: Number((await run(transport, ['id', '-u', name])).trim()),
      defaultAccount: defaults.get(name),
    })),
  );
  // The test users' associations (a user in their default account) all allow the same QoS with
  // the same default; the first one that has a default says which. Accounts other tests create and
  // leave behind, and the service account's, have none, so they cannot say.
  const own = accounts
    .flatMap((a) => a.members.map((m) => ({ account: a.name, user: m.user })))
    .filter((m) => defaults.get(m.user) === m.account);
  let availability: Awaited<ReturnType<NonNullable<SchedulerAdapter['config']['availability']>>> | undefined;
  for (const association of own) {
    availability = await slurm.config.availability?.(association, ctx);
    if (availability?.partitions[0]?.defaultQos !== undefined) break;
  }
  // A partition without its own DefMemPerCPU uses the cluster-wide one, which the adapter does not report.
  const globalMem = await controllerSetting(transport, 'DefMemPerCPU');
  const mib = (n: number) => `${n}M`;
  return {
    name: config.name,
    partitions: config.partitions.map((p) => {
      const defaultMemoryPerCore = p.defaultMemoryPerCoreMiB ?? globalMem;
      return {
        name: p.name,
        default: p.isDefault,
        nodes: p.nodes,
        node: { cores: p.node.cores, memory: mib(p.node.memoryMiB), gpus: p.node.gpus },
        ...(defaultMemoryPerCore === undefined ? {} : { defaultMemoryPerCore: mib(defaultMemoryPerCore) }),
        ...(p.maxTimeSeconds === undefined ? {} : { maxTime: p.maxTimeSeconds }),
        ...(p.defaultTimeSeconds === undefined ? {} : { defaultTime: p.defaultTimeSeconds }),
        ...(p.qos === undefined ? {} : { qos: p.qos }),
      };
    }),
    qos: config.qos.map((q) => ({
      name: q.name,
      priority: q.priority,
      ...(q.maxWallSeconds === undefined ? {} : { maxWall: q.maxWallSeconds }),
    })),
    defaultQos: config.defaultQos ?? availability?.partitions[0]?.defaultQos,
    accounts: accounts.map((a) => ({
      name: a.name,
      blocked: a.blocked,
      members: a.members.map((m) => ({ user: m.user, blocked: m.blocked })),
    })),
    users,
  };
}
