import {
  formatDuration,
  JOB_PHASES,
  type Job,
  type JobHandle,
  type JobStateFilter,
  NotFoundError,
} from '@hpckit/core';
import { jobFiles } from '@hpckit/remote';
import type { Command } from 'commander';
import { jobJson, jobsTable, jobText } from '../output/job-json.js';
import { clusterOf } from './cluster-of.js';
import { action, type CommandEnv, type RunState } from './env.js';
import { type SpecFlags, specFromFlags, wholeNumberFlag, withSpecFlags } from './job-spec.js';
import { examples } from './help.js';

const cluster = (env: CommandEnv) => clusterOf(env);

// Without --state, what `squeue` shows: every job that has not ended.
const UNFINISHED = JOB_PHASES.filter((p) => p !== 'ended');

const one = (job: Job, script?: string) => ({ json: jobJson(job, script), text: jobText(job) });

/** `hpckit jobs …`. */
export function jobsCommand(program: Command, state: RunState): void {
  const jobs = program.command('jobs').description('submit, list, watch and control jobs');

  withSpecFlags(jobs.command('submit'))
    .description('submit a job (the command follows --); with --wait, wait for it to end')
    .argument('[command...]', 'the command the job runs')
    .option('--wait', 'wait until the job ends, showing progress; exit 1 unless it completed')
    .option('--script', 'print the exact batch script')
    .addHelpText(
      'after',
      examples([
        'hpckit jobs submit -A electroplating -p cpu -c 16 -t 2h -- python relax.py',
        'hpckit jobs submit --spec sweep.yaml --wait --json',
      ]),
    )
    .action(
      action(
        state,
        async (env, command: string[], flags: SpecFlags & { wait?: boolean; script?: boolean }) => {
          const { client } = cluster(env);
          const handle = await client.jobs.submit(specFromFlags(flags, command));
          if (!flags.wait) {
            const text = flags.script
              ? `${handle.script ?? ''}\n${jobText(handle.job)}`
              : `submitted ${handle.id}\n`;
            return { json: jobJson(handle.job, handle.script), text };
          }
          return waited(env, handle);
        },
      ),
    );

  jobs
    .command('list')
    .description('list jobs (those not ended unless --state says otherwise)')
    .option('-u, --user <users...>', 'only these users')
    .option('-A, --account <account>', 'only this account')
    .option(
      '-s, --state <states...>',
      'phases or outcomes: queued, running, ended, completed, failed… (default: every unfinished phase)',
    )
    .option('-n, --limit <n>', 'at most this many', '50')
    .addHelpText(
      'after',
      examples(['hpckit jobs list', 'hpckit jobs list --state ended --user alice --json']),
    )
    .action(
      action(
        state,
        async (env, opts: { user?: string[]; account?: string; state?: string[]; limit: string }) => {
          const { client } = cluster(env);
          const page = await client.jobs.list({
            ...(opts.user ? { users: opts.user } : {}),
            ...(opts.account ? { accounts: [opts.account] } : {}),
            states: (opts.state ?? UNFINISHED) as JobStateFilter[],
            limit: Number(opts.limit),
          });
          return {
            json: { jobs: page.jobs.map((j) => jobJson(j as Job)), total: page.total },
            text: jobsTable(page.jobs as Job[]),
          };
        },
      ),
    );

  jobs
    .command('show')
    .description("a job's state and times")
    .argument('<id>', 'job id')
    .addHelpText('after', examples(['hpckit jobs show 1234', 'hpckit jobs show 1234 --json']))
    .action(action(state, async (env, id: string) => one(await cluster(env).client.jobs.get(id))));

  for (const [name, what] of [
    ['cancel', 'cancel a job'],
    ['hold', 'hold a queued job'],
    ['release', 'release a held job'],
  ] as const) {
    jobs
      .command(name)
      .description(what)
      .argument('<id>', 'job id')
      .addHelpText('after', examples([`hpckit jobs ${name} 1234`]))
      .action(
        action(state, async (env, id: string) => {
          const { client } = cluster(env);
          await client.jobs[name](id);
          return one(await client.jobs.get(id));
        }),
      );
  }

  jobs
    .command('time')
    .description("change a job's time limit: 4h sets it, +1h / -30m change it")
    .argument('<id>', 'job id')
    .argument('<limit>', 'new limit (4h), or a change (+1h, -30m)')
    .addHelpText('after', examples(['hpckit jobs time 1234 +2h', 'hpckit jobs time 1234 12h']))
    .action(
      action(state, async (env, id: string, limit: string) => {
        const { client } = cluster(env);
        const change = /^[+-]/.test(limit) ? { delta: limit } : { set: limit };
        await client.jobs.updateTimeLimit(id, change);
        return one(await client.jobs.get(id));
      }),
    );

  jobs
    .command('wait')
    .description('wait until a job ends, showing progress on stderr; exit 1 unless it completed')
    .argument('<id>', 'job id')
    .addHelpText('after', examples(['hpckit jobs wait 1234', 'hpckit jobs wait 1234 --json > job.json']))
    .action(action(state, async (env, id: string) => waited(env, await cluster(env).client.jobs.handle(id))));

  jobs
    .command('output')
    .description(
      "print a job's output file as the acting user (over SFTP on an ssh cluster), up to --bytes; with --follow, as it is written until the job ends",
    )
    .argument('<id>', 'job id')
    .option('--stderr', 'the error file instead of stdout')
    .option('--bytes <n>', 'at most this many bytes (up to 256 MiB)', '65536')
    .option('-f, --follow', 'keep printing what the job writes until it ends')
    .addHelpText(
      'after',
      examples([
        'hpckit jobs output 1234',
        'hpckit jobs output 1234 --stderr --bytes 4096',
        'hpckit --as alice jobs output 1234 --follow',
      ]),
    )
    .action(
      action(state, async (env, id: string, opts: { stderr?: boolean; bytes: string; follow?: boolean }) => {
        const handle = await cluster(env).client.jobs.handle(id);
        const stream = opts.stderr ? 'stderr' : 'stdout';
        const maxBytes = wholeNumberFlag(opts.bytes, 'bytes')!;
        if (!opts.follow) {
          const out = await handle.output({ stream, maxBytes });
          if (!out.exists) throw new NotFoundError({ details: { kind: 'file', id: out.path ?? stream } });
          const json = { id, stream, path: out.path ?? '', text: out.text, truncated: out.truncated };
          return { json, text: out.text };
        }
        // Each piece is printed as it arrives; --json prints the whole text once the job has ended.
        let text = '';
        for await (const piece of handle.followOutput({ stream, maxBytes })) {
          text += piece;
          if (!env.json) env.io.out(piece);
        }
        const bytes = Buffer.byteLength(text);
        const path = jobFiles(handle.job)[stream] ?? '';
        return { json: { id, stream, path, text, truncated: bytes >= maxBytes }, text: '' };
      }),
    );
}

// Waits for a job to end, reporting each change on stderr, and, when stderr is not a terminal, a
// line every `HPCKIT_PROGRESS_SECONDS` (30 s) so a CI log shows it is alive.
async function waited(env: CommandEnv, handle: JobHandle) {
  const started = Date.now();
  const line = (job: Job) =>
    `${job.id} ${job.state.outcome ?? job.state.phase}${job.state.reason ? ` (${job.state.reason})` : ''} ${formatDuration(Math.round((Date.now() - started) / 1000))}`;
  const show = (job: Job) =>
    env.io.isTTY ? env.io.err(`\r\x1b[K${line(job)}`) : env.io.err(`${line(job)}\n`);
  // The subscription reports the current state first, then every change.
  const off = handle.on('state', ({ job }) => show(job));
  const every = Number(process.env.HPCKIT_PROGRESS_SECONDS ?? 30) * 1000;
  const timer = env.io.isTTY ? undefined : setInterval(() => show(handle.job), every);
  try {
    const job = await handle.wait();
    if (env.io.isTTY) env.io.err('\n');
    return { ...one(job), exit: job.state.outcome === 'completed' ? ('ok' as const) : ('failed' as const) };
  } finally {
    off();
    if (timer) clearInterval(timer);
  }
}
