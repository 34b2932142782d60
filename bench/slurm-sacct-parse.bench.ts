/**
 * sacct parse throughput: 100,000 rows of the adapter's sacct output (built from a row captured on
 * the test cluster) through `parseSacct`, beside a bare split loop over the same text in the same
 * run. Needs no cluster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The parser is internal to the adapter: the sync path runs it on every sacct page.
import { parseSacct } from '../packages/adapter-slurm/src/parse/sacct.js';
import { median, report, section } from './lib/measure.js';

const ROWS = 100_000;
const FIXTURE_DELIMITER = '\x1fFX\x1f';

export async function run(): Promise<void> {
  const fixture = readFileSync(
    join(import.meta.dirname, '../packages/adapter-slurm/test/fixtures/22.05/sacct-ended.txt'),
    'utf8',
  );
  const records = fixture.split(`${FIXTURE_DELIMITER}\n`).filter(Boolean);
  const delimiter = '\x1fb3nch\x1f';
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const record = records[i % records.length]!.replaceAll(FIXTURE_DELIMITER, delimiter);
    // Give every row its own id, as a real listing has.
    rows.push(`${record.replace(/^\d+/, String(100_000 + i))}${delimiter}\n`);
  }
  const text = rows.join('');
  section(`sacct parse, ${ROWS.toLocaleString('en-US')} rows (${(text.length / 1e6).toFixed(1)} MB)`);

  let fields = 0;
  const baseline = await median(5, () => {
    fields = 0;
    for (const line of text.split('\n')) fields += line.split(delimiter).length;
  });
  let parsed = 0;
  const adapter = await median(5, () => {
    parsed = parseSacct(text, delimiter, 'bench').length;
  });
  if (parsed !== ROWS) throw new Error(`parsed ${parsed} rows, expected ${ROWS}`);
  report('baseline: split lines and fields', {
    ms: baseline.wallMs,
    rowsPerSec: Math.round(ROWS / (baseline.wallMs / 1000)),
    fields,
  });
  report('parseSacct → core Job objects', {
    ms: adapter.wallMs,
    rowsPerSec: Math.round(ROWS / (adapter.wallMs / 1000)),
    ratio: `${(adapter.wallMs / baseline.wallMs).toFixed(1)}x baseline`,
  });
}
