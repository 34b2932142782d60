import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// The quickstart is the script `npm start` runs as a program (top-level await, printing), so it
// runs here as one: a child process, its output read back.
it('examples/quickstart.ts (npm start): the sweep is submitted, watched to the end, and each outcome reported', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--conditions=@hpckit/source', 'examples/quickstart.ts'],
    { cwd: root, timeout: 90_000 },
  );
  const table = stdout.slice(stdout.indexOf('job      outcome'));
  const rows = new Map(
    table
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith('md-'))
      .map((l) => {
        const [name, outcome, exit, ...elapsed] = l.trim().split(/\s+/);
        return [name!, { outcome, exit, elapsed: elapsed.join(' ') }];
      }),
  );
  expect([...rows.keys()]).toEqual(['md-300K', 'md-350K', 'md-400K', 'md-450K', 'md-500K']);
  // Outcomes as the mock ran the scripts: `exit 2` fails, a 50-minute sleep outlives its 40-minute limit.
  expect([...rows.values()].map((r) => r.outcome)).toEqual([
    'completed',
    'completed',
    'completed',
    'failed',
    'timeout',
  ]);
  expect(rows.get('md-450K')!.exit).toBe('2');
  expect(rows.get('md-300K')!.exit).toBe('0');
  // Each watched transition was printed as it happened, ending in every job's end.
  expect(stdout.match(/-> ended/g)).toHaveLength(5);
  expect(stdout).toContain('echo "T=300 K"');
  // Elapsed times come from the scheduler: each run's sleep, and the time limit for the one killed.
  expect([...rows.values()].map((r) => r.elapsed)).toEqual(['12m', '18m', '25m', '9m', '40m']);
  expect(stdout).toMatch(/\d+ polls, \d+ scheduler calls for 5 jobs/);
}, 120_000);
