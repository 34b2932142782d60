import { fail } from '../errors/slurm-errors.js';
import { parseConfig } from '../parse/scontrol-partitions.js';
import type { CommandRunner } from './command-runner.js';

/** What every operation needs: the runner, the cluster's name, and users' home directories. */
export interface OperationContext {
  runner: CommandRunner;
  /** The cluster name reported in jobs (the option, or Slurm's ClusterName). */
  clusterName(signal?: AbortSignal): Promise<string>;
  /** The cluster name if known without a command (the option, or Slurm's once read). */
  knownClusterName(): string | undefined;
  /** The Slurm version (`22.05.8`). */
  slurmVersion(signal?: AbortSignal): Promise<string>;
  /** Home directory of `user` (or of the transport's own identity). */
  homeOf(user: string | undefined, signal?: AbortSignal): Promise<string>;
  /** Login name of `user`, or of the transport's own identity. */
  loginOf(user: string | undefined, signal?: AbortSignal): Promise<string>;
  /** Settings operations read. */
  settings: OperationSettings;
}

/** Tunables of the operations. */
export interface OperationSettings {
  /** The Slurm cluster name to use in `-M`/`where cluster=`, if set. */
  slurmCluster?: string;
  /** Window of a listing that names no time range, in seconds back from now. */
  historyWindowSeconds: number;
  /** How far back a lookup by job id searches accounting, in seconds. */
  idLookupWindowSeconds: number;
  /** How long to wait for accounting to settle a just-ended job's record, in ms. */
  settleTimeoutMs: number;
  /** Interval between looks at an unsettled record, in ms. */
  settleIntervalMs: number;
  /** Interpreter line of generated scripts. */
  shell: string;
}

/** Builds the {@link OperationContext}, caching what never changes (cluster name, homes). */
export function createOperationContext(
  runner: CommandRunner,
  settings: OperationSettings,
  clusterOption: string | undefined,
): OperationContext {
  let config: Promise<{ clusterName?: string; version?: string }> | undefined;
  let readClusterName: string | undefined;
  const homes = new Map<string, Promise<string>>();
  const logins = new Map<string, Promise<string>>();
  const loadConfig = (signal?: AbortSignal) => {
    config ??= runner
      .run({ program: 'scontrol', args: ['show', 'config'], idempotent: true, signal })
      .then((r) => {
        const parsed = parseConfig(r.stdout);
        readClusterName = parsed.clusterName;
        return parsed;
      });
    config.catch(() => {
      config = undefined;
    });
    return config;
  };
  const loginOf = (user: string | undefined, signal?: AbortSignal) => {
    if (user !== undefined) return Promise.resolve(user);
    let login = logins.get('');
    if (!login) {
      login = runner
        .run({ program: 'id', args: ['-un'], idempotent: true, signal })
        .then((r) => r.stdout.trim());
      logins.set('', login);
      login.catch(() => logins.delete(''));
    }
    return login;
  };
  return {
    runner,
    settings,
    loginOf,
    knownClusterName: () => clusterOption ?? readClusterName,
    async clusterName(signal) {
      return clusterOption ?? (await loadConfig(signal)).clusterName ?? 'slurm';
    },
    async slurmVersion(signal) {
      const version = (await loadConfig(signal)).version;
      return version ?? 'unknown';
    },
    async homeOf(user, signal) {
      const login = await loginOf(user, signal);
      let home = homes.get(login);
      if (!home) {
        home = runner
          .run({ program: 'getent', args: ['passwd', login], idempotent: true, signal, allowFailure: true })
          .then((r) => {
            const dir = r.stdout.split('\n')[0]?.split(':')[5];
            if (r.exitCode !== 0 || !dir) {
              throw fail.notFound({
                details: {
                  kind: 'user',
                  id: login,
                  reason: 'unknown_user',
                  command: ['getent', 'passwd', login],
                  stderr: r.stderr,
                  exitCode: r.exitCode,
                  program: 'getent',
                  ...(r.stderr.trim() !== '' && { nativeMessage: r.stderr.trim() }),
                },
              });
            }
            return dir;
          });
        homes.set(login, home);
        home.catch(() => homes.delete(login));
      }
      return home;
    },
  };
}
