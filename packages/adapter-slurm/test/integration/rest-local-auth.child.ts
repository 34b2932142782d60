/**
 * Run as the user slurmrestd runs as (rest_auth/local accepts only its own UID): version, a held
 * submission, a read and a cancel through the REST adapter on the socket given as argv[2].
 * Prints one JSON line.
 */
import { localAuth, slurmRestAdapter } from '../../src/index.js';

const adapter = slurmRestAdapter({ url: process.argv[2]!, auth: localAuth() });
const ctx = {};
const { version } = await adapter.version(ctx);
const { job } = await adapter.jobs.submit(
  {
    name: 'rest-local-auth',
    command: 'true',
    hold: true,
    timeLimit: 60,
    stdout: '/dev/null',
    workingDirectory: '/tmp',
  } as never,
  { ...ctx, freshKey: true },
);
const read = await adapter.jobs.get(job.id, ctx);
const cancelled = await adapter.jobs.cancel(job.id, ctx);
process.stdout.write(
  `${JSON.stringify({ version, id: job.id, user: read.user, phase: read.state.phase, cancelled: cancelled.status })}\n`,
);
