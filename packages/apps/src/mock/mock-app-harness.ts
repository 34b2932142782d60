import { randomBytes } from 'node:crypto';
import { type HpckitClient, isEnded, type Job, type JobSpec } from '@hpckit/core';
import { type AppRegistry, createAppRegistry } from '../definition/app-registry.js';
import { type MemorySessionFiles, memorySessionFiles } from '../files/memory-session-files.js';
import { SESSION_JOB_PREFIX } from '../form/session-job-spec.js';
import { CONNECTION_FILE, SESSION_FILE } from '../session/session-layout.js';
import { type SimulatedServer, startSimulatedServer } from './simulated-server.js';

/** The part of `@hpckit/adapter-mock`'s adapter the harness drives (its job behaviour). */
export interface MockJobBehaviorHost {
  /** How jobs behave when they run; the harness wraps it for session jobs. */
  jobBehavior: (spec: JobSpec, job: Job) => { runtime: number; exitCode?: number; outcome?: string };
}

/** Options of {@link mockAppHarness}. */
export interface MockAppHarnessOptions {
  /** The client over the mock adapter, acting for the user. */
  client: HpckitClient;
  /** The mock adapter, so session jobs run until their time limit instead of 1 s. */
  adapter?: MockJobBehaviorHost;
  /** The user's home in the in-memory files. @default '/home/<client user or "user">' */
  home?: string;
  /** How often the simulated nodes look at session jobs, in real ms. @default 50 */
  intervalMs?: number;
  /** The apps the sessions run, for their port ranges. @default createAppRegistry() (the built-ins) */
  registry?: AppRegistry;
}

/** A simulated cluster side of app sessions: in-memory files and in-process servers. */
export interface MockAppHarness {
  /** The user's files; pass them to `createAppSessions`. */
  readonly files: MemorySessionFiles;
  /** Running simulated servers by job id. */
  readonly servers: ReadonlyMap<string, SimulatedServer>;
  /** Looks at every session job now (the timer does this every `intervalMs`). */
  tick(): Promise<void>;
  /** Stops the timer and every server. */
  close(): Promise<void>;
}

/**
 * Plays the compute node for app sessions on the mock adapter: when a session's job runs it starts
 * a token-checking HTTP server in-process on 127.0.0.1 (the mock's default node address), on a
 * port in the app's `portRange`, and writes the connection file, as the real job script would;
 * when the job ends, the server stops.
 *
 * @example
 * ```ts
 * const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 60 } });
 * const client = createClient({ clusters: { hpc: { adapter } } }).as('alice');
 * const harness = mockAppHarness({ client, adapter });
 * const sessions = createAppSessions({ client, files: harness.files });
 * ```
 */
export function mockAppHarness(options: MockAppHarnessOptions): MockAppHarness {
  const { client } = options;
  const files = memorySessionFiles(options.home ?? `/home/${client.user ?? 'user'}`);
  const servers = new Map<string, SimulatedServer>();
  const registry = options.registry ?? createAppRegistry();
  const done = new Set<string>();
  if (options.adapter) {
    const adapter = options.adapter;
    const inner = adapter.jobBehavior;
    // A server runs until it is stopped: past its time limit, like a real one.
    adapter.jobBehavior = (spec, job) =>
      spec.name?.startsWith(SESSION_JOB_PREFIX)
        ? { runtime: (spec.timeLimit ?? 86_400) + 60 }
        : inner(spec, job);
  }

  let ticking: Promise<void> | undefined;
  async function look(): Promise<void> {
    for (const [path, text] of files.files) {
      if (!path.endsWith(`/${SESSION_FILE}`)) continue;
      const { jobId, directory, appId, basePath } = JSON.parse(text) as {
        jobId: string;
        directory: string;
        appId: string;
        basePath?: string;
      };
      if (done.has(jobId)) continue;
      const job = await client.jobs.get(jobId);
      const server = servers.get(jobId);
      if (isEnded(job.state)) {
        done.add(jobId);
        servers.delete(jobId);
        await server?.close();
      } else if (job.state.phase === 'running' && !server) {
        const secret = randomBytes(32).toString('hex');
        const app = registry.list().find((a) => a.id === appId);
        // Served under the session's base path, as the job script tells Jupyter (`base_url`).
        const started = await startSimulatedServer(secret, {
          ...(app && { portRange: app.portRange }),
          ...(basePath && { basePath }),
        });
        servers.set(jobId, started);
        const conn = { host: '127.0.0.1', port: started.port, secret, jobId };
        await files.writeFile(`${directory}/${CONNECTION_FILE}`, JSON.stringify(conn));
      }
    }
  }
  const tick = () => {
    ticking ??= look().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };
  const timer = setInterval(() => void tick().catch(() => undefined), options.intervalMs ?? 50);
  timer.unref();

  return {
    files,
    servers,
    tick,
    async close() {
      clearInterval(timer);
      await ticking?.catch(() => undefined);
      await Promise.all([...servers.values()].map((s) => s.close()));
      servers.clear();
    },
  };
}
