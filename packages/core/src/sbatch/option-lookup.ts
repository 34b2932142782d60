import { type IssueRule, issueRulesEn } from '../errors/messages/en-issues.js';
import type { RuleFacts } from '../errors/validation.js';
import { SBATCH_OPTIONS, type SbatchOption } from './option-table.js';

// Names that sbatch lists twice for one option (same getopt value): the first is canonical.
const ALIASES: Readonly<Record<string, string>> = { 'tasks-per-node': 'ntasks-per-node' };

const BY_NAME = new Map(SBATCH_OPTIONS.map((opt) => [opt.name, opt]));
const BY_SHORT = new Map(
  SBATCH_OPTIONS.filter((opt) => opt.short !== undefined).map((opt) => [opt.short!, opt]),
);

/**
 * The option an sbatch name means, or why it means none: in English (`problem`) and as the rule
 * and facts every locale words it from.
 */
export type OptionLookup = { option: SbatchOption } | { problem: string; rule: IssueRule; facts: RuleFacts };

function refused(rule: IssueRule, facts: RuleFacts): OptionLookup {
  return { problem: issueRulesEn[rule]({ ...facts, rule }), rule, facts };
}

/** The canonical option of a table entry (an alias such as `tasks-per-node` → `ntasks-per-node`). */
function canonical(opt: SbatchOption): SbatchOption {
  const target = ALIASES[opt.name];
  return target === undefined ? opt : BY_NAME.get(target)!;
}

/**
 * The option a long name means to sbatch, the way `getopt_long` reads it: an exact name, else any
 * unambiguous prefix (`--commen` is `--comment`; `--mem-per` could be two options and is refused).
 *
 * @example
 * ```ts
 * lookupLongOption('part'); // { option: { name: 'partition', … } }
 * lookupLongOption('ntasks-per'); // { problem: '"--ntasks-per" is ambiguous: …' }
 * ```
 */
export function lookupLongOption(name: string): OptionLookup {
  const exact = BY_NAME.get(name);
  if (exact) return { option: canonical(exact) };
  const matches = new Map<string, SbatchOption>();
  if (name !== '') {
    for (const opt of SBATCH_OPTIONS) {
      if (opt.name.startsWith(name)) matches.set(canonical(opt).name, canonical(opt));
    }
  }
  if (matches.size === 1) return { option: [...matches.values()][0]! };
  if (matches.size > 1) {
    return refused('sbatch_option_ambiguous', { value: name, names: [...matches.keys()] });
  }
  return refused('sbatch_no_such_option', { value: `--${name}` });
}

/** The option a single letter means to sbatch (`p` → `--partition`). */
export function lookupShortOption(letter: string): OptionLookup {
  const opt = BY_SHORT.get(letter);
  return opt ? { option: opt } : refused('sbatch_no_such_option', { value: `-${letter}` });
}

/** The table entry of a canonical long name; throws on a name not in the table (a bug). */
export function sbatchOption(name: string): SbatchOption {
  const opt = BY_NAME.get(name);
  if (!opt) throw new Error(`no sbatch option "${name}" in the table`);
  return canonical(opt);
}
