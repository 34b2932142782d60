/**
 * A portal's "job output" page, tested on the mock scheduler: alice submits a job that creates its
 * working directory and names its output files, the job ends and leaves the queue, and the portal
 * finds and reads those files through the same `FileSystem` it uses on a real cluster. The mock
 * writes each job's output into a real temporary directory, one home per user, so nothing here
 * needs a cluster; on Slurm the same calls find the files a real job wrote (the SDK records the
 * named paths with the job, since Slurm 22.05's accounting keeps none).
 *
 * Run it with `npx tsx --conditions=@hpckit/source examples/output-files.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, isHpckitError } from '@hpckit/core';
import { jobFiles, localFileSystem } from '@hpckit/remote';

/** What the scenario saw, for a reader (or a test) to check. */
export interface OutputFilesOutcome {
  /** The job's id. */
  id: string;
  /** Its working directory, absolute. */
  workingDirectory: string;
  /** Where its standard output and error are, patterns expanded. */
  stdout: string;
  stderr: string;
  /** What the files hold. */
  stdoutText: string;
  stderrText: string;
  /** How the job ended. */
  outcome: string | undefined;
  /** The error code of a working directory that leaves alice's home. */
  escapeRefusal: string | undefined;
}

/** Runs the scenario in a fresh temporary directory (removed afterwards), printing with `print`. */
export async function outputFilesScenario(
  print: (line: string) => void = console.log,
): Promise<OutputFilesOutcome> {
  const root = mkdtempSync(join(tmpdir(), 'hpckit-output-files-'));
  // The portal's view of the disk: here the process owner's, on a cluster an SFTP file system.
  const files = localFileSystem({ home: join(root, 'alice') });
  // Homes under the temporary directory; the mock writes jobs' directories and files through `files`.
  const scheduler = mockAdapter({ homes: root, files, minJobAge: '5m' });
  const client = createClient({ clusters: { hpc: { adapter: scheduler } } });
  const alice = client.as('alice');
  try {
    const handle = await alice.jobs.submit({
      name: 'relax',
      command: ['echo "energy=-42.5 eV"', 'echo "converged after 12 steps" >&2', 'sleep 10m'].join('\n'),
      account: 'electroplating',
      timeLimit: '1h',
      workingDirectory: 'runs/relax',
      createWorkingDirectory: true,
      stdout: 'logs/%x-%j.out',
      stderr: 'logs/%x-%j.err',
    });
    print(`submitted job ${handle.id} in ${handle.job.workingDirectory}`);

    // Ten virtual minutes of work, then past the queue's retention (minJobAge): only accounting
    // knows the job now, as on Slurm once squeue has forgotten it.
    scheduler.clock.advance('16m');
    const job = await alice.jobs.get(handle.id);
    print(`job ${job.id} ${job.state.outcome}, read after it left the queue`);

    const where = jobFiles(job);
    const stdoutText = (await files.readFile(where.stdout!)).toString('utf8');
    const stderrText = (await files.readFile(where.stderr!)).toString('utf8');
    print(`stdout ${where.stdout}:\n${stdoutText}stderr ${where.stderr}:\n${stderrText}`);

    // A relative working directory may not climb out of the user's home.
    let escapeRefusal: string | undefined;
    try {
      await alice.jobs.submit({ command: 'true', workingDirectory: '../bob', createWorkingDirectory: true });
    } catch (err) {
      if (!isHpckitError(err)) throw err;
      escapeRefusal = err.code;
      print(`"../bob" refused: ${err.message.split('\n')[0]}`);
    }
    return {
      id: job.id,
      workingDirectory: where.workingDirectory!,
      stdout: where.stdout!,
      stderr: where.stderr!,
      stdoutText,
      stderrText,
      outcome: job.state.outcome,
      escapeRefusal,
    };
  } finally {
    await files.close();
    await client.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await outputFilesScenario();
}
