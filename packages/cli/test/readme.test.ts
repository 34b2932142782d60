import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, hpckit } from './support/run-hpckit.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

// The README's admin path, run as written: its first YAML block is the config file, and each
// `$ hpckit …` line of the transcript runs as a real process, printing what the README shows
// (ids and times aside).
const config = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
const section = readme.slice(readme.indexOf("## From a config file to last week's charges"));
const transcript = /```console\n([\s\S]*?)```/.exec(section)![1]!;

interface Step {
  args: string[];
  expected: string;
}

function steps(text: string): Step[] {
  const out: Step[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ hpckit ')) out.push({ args: words(line.slice('$ hpckit '.length)), expected: '' });
    else if (line !== '') out.at(-1)!.expected += `${line}\n`;
  }
  return out;
}

// Words as a POSIX shell splits this transcript's lines: blanks, and double quotes.
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const normalise = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
    .replace(/<time> +/g, '<time> ')
    .replace(/ +$/gm, '');

describe("the README: from a config file to a CSV of last week's charges", { timeout: 180_000 }, () => {
  it("runs as written and prints what it shows; the CSV holds the week's charge", async () => {
    const dir = configDir(config);
    const all = steps(transcript);
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const step of all) {
      const run = await hpckit(step.args, dir);
      expect(run.code, `hpckit ${step.args.join(' ')}\n${run.stderr}`).toBe(0);
      expect(normalise(run.stdout)).toBe(normalise(step.expected));
    }
    const csv = readFileSync(join(dir, 'charges.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^id,time,account,user,kind,type,amount,currency,/);
    expect(csv[1]).toMatch(/,electroplating,,manual,storage,120\.00,CNY,.*"10 TB, week 48"/);
    expect(existsSync(join(dir, 'ledger.db'))).toBe(true);
  });
});
