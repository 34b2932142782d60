import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, EXIT_CODES, exitKindOf, JSON_SCHEMAS } from '../src/index.js';
import type { RunState } from '../src/index.js';
import {
  NotFoundError,
  PolicyError,
  SchedulerUnavailableError,
  TransportError,
  ValidationError,
} from '@hpckit/core';
import { configDir, MOCK_CONFIG } from './support/run-hpckit.js';
import { inProcess } from './support/in-process.js';

const state = (): RunState => ({
  io: { out: () => {}, err: () => {}, isTTY: false },
  env: {},
  cwd: '/',
  locale: () => 'en',
  closers: [],
  exit: 'ok',
  onConfig: () => {},
});

function leaves(command: Command, path: string[] = []): string[][] {
  const children = command.commands.filter((c) => c.name() !== 'help');
  if (children.length === 0) return [path];
  return children.flatMap((c) => leaves(c, [...path, c.name()]));
}

const program = buildProgram(state());
const commands = leaves(program);

describe('the command tree', () => {
  it('has the commands of the issue', () => {
    const names = commands.map((c) => c.join(' '));
    for (const name of [
      'jobs submit',
      'jobs list',
      'jobs wait',
      'jobs output',
      'jobs time',
      'quote',
      'check',
      'ledger export',
      'accounts import',
      'files ls',
      'files get',
      'files put',
      'files rm',
      'files mv',
      'apps list',
      'apps create',
      'apps connect',
      'apps cancel',
      'completion',
    ]) {
      expect(names).toContain(name);
    }
  });

  it.each(commands.map((c) => [c.join(' ')]))('`hpckit %s --help` ends with examples', async (name) => {
    const run = await inProcess([...name.split(' '), '--help'], '/');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nExamples:\n {2}\$ hpckit /);
  });

  it('every command that prints a result has a --json schema', () => {
    const documented = new Set(Object.keys(JSON_SCHEMAS));
    const undocumented = commands
      .map((c) => c.join(' '))
      .filter((n) => n !== 'completion' && !documented.has(n));
    expect(undocumented).toEqual([]);
  });

  it('bash completion is generated from the tree: every command and its flags', async () => {
    const run = await inProcess(['completion', 'bash'], '/');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('complete -F _hpckit_complete hpckit');
    expect(run.stdout).toMatch(
      /"ledger"\) words="balance pay charge limit block unblock charges payments export sync /,
    );
    expect(run.stdout).toMatch(/"jobs submit"\) words=".*--wait/);
    expect(run.stdout).toMatch(/"files"\) words="ls get put rm mv /);
    expect(run.stdout).toMatch(/"apps"\) words="list create connect cancel /);
    expect(run.stdout).toMatch(/"jobs output"\) words=".*--follow/);
    expect(run.stdout).toMatch(/""\) words=".* --version/);
    const zsh = await inProcess(['completion', 'zsh'], '/');
    expect(zsh.stdout).toContain('bashcompinit');
  });

  it('an unknown command or flag is a usage error (exit 2), with the help hint', async () => {
    const run = await inProcess(['jobs', 'frobnicate'], configDir(MOCK_CONFIG));
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toContain('unknown command');
  });
});

describe('exit codes from the typed error kinds', () => {
  it.each([
    [new ValidationError({ details: { subject: 'x', issues: [] } }), 'refused'],
    [new PolicyError({ details: { reason: 'invalid_account' } }), 'refused'],
    [new NotFoundError({ details: { kind: 'job', id: '1' } }), 'notFound'],
    [new SchedulerUnavailableError({ details: {} }), 'unavailable'],
    [new TransportError({ details: {} }), 'unavailable'],
    [new Error('boom'), 'internal'],
  ] as const)('%s → %s', (err, kind) => {
    expect(exitKindOf(err)).toBe(kind);
  });
});
