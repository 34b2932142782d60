import { readFileSync } from 'node:fs';
import { type JobSpecInput, ValidationError } from '@hpckit/core';
import { Option, type Command } from 'commander';
import { parse } from 'yaml';
import { cliRules } from '../config/cli-rules.js';

/** The job-spec flags of `jobs submit`, `quote` and `check`. */
export interface SpecFlags {
  spec?: string;
  name?: string;
  account?: string;
  partition?: string;
  qos?: string;
  nodes?: string;
  cores?: string;
  gpus?: string;
  memPerCore?: string;
  memPerNode?: string;
  time?: string;
  array?: string;
  workdir?: string;
  hold?: boolean;
}

/** Adds the job-spec flags to a command; the command itself follows `--`. */
export function withSpecFlags(command: Command): Command {
  return command
    .option('--spec <file>', 'a job spec as YAML or JSON (the fields of JobSpecInput); flags override it')
    .option('--name <name>', 'job name')
    .option('-A, --account <account>', 'account charged')
    .option('-p, --partition <partition>', 'partition')
    .option('-q, --qos <qos>', 'quality of service')
    .option('-N, --nodes <n>', 'nodes')
    .option('-c, --cores <n>', 'CPU cores per node')
    .option('-G, --gpus <n>', 'GPUs per node')
    .addOption(new Option('--mem-per-core <size>', 'memory per core, e.g. 2G').conflicts('memPerNode'))
    .option('--mem-per-node <size>', 'memory per node, e.g. 64G')
    .option('-t, --time <limit>', 'time limit, e.g. 2h, 1-00:00:00')
    .option('--array <spec>', 'job array, e.g. 0-99%10')
    .option('--workdir <dir>', 'working directory')
    .option('--hold', 'submit held');
}

/** A flag's value as a whole number above zero, refused (at the flag) otherwise. */
export const wholeNumberFlag = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) === 0) {
    throw new ValidationError({
      details: { subject: 'options', issues: [cliRules.validationIssue([flag], 'not_a_number', { value })] },
    });
  }
  return Number(value);
};

/** The job spec the flags, the `--spec` file and the command after `--` describe (validated by the SDK). */
export function specFromFlags(flags: SpecFlags, command: readonly string[]): JobSpecInput {
  let base: Record<string, unknown> = {};
  if (flags.spec) {
    try {
      base = (parse(readFileSync(flags.spec, 'utf8')) ?? {}) as Record<string, unknown>;
    } catch (err) {
      throw new ValidationError({
        details: {
          subject: 'options',
          issues: [
            cliRules.validationIssue(['spec'], 'bad_spec_file', {
              value: flags.spec,
              text: (err as Error).message.split('\n')[0],
            }),
          ],
        },
      });
    }
  }
  const memory = flags.memPerCore
    ? { perCore: flags.memPerCore }
    : flags.memPerNode
      ? { perNode: flags.memPerNode }
      : undefined;
  const fields: Record<string, unknown> = {
    name: flags.name,
    account: flags.account,
    partition: flags.partition,
    qos: flags.qos,
    nodes: wholeNumberFlag(flags.nodes, 'nodes'),
    coresPerNode: wholeNumberFlag(flags.cores, 'cores'),
    gpusPerNode: wholeNumberFlag(flags.gpus, 'gpus'),
    memory,
    timeLimit: flags.time,
    array: flags.array,
    workingDirectory: flags.workdir,
    hold: flags.hold,
    // The command is one shell line: the words after `--`, joined as the user typed them.
    command: command.length > 0 ? command.join(' ') : undefined,
  };
  const spec = { ...base, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  if (spec.command === undefined) {
    throw new ValidationError({
      details: { subject: 'options', issues: [cliRules.validationIssue(['command'], 'no_command')] },
    });
  }
  return spec as unknown as JobSpecInput;
}
