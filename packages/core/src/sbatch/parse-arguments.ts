import { type ArgumentRule, issueRulesEn } from '../errors/messages/en-issues.js';
import type { RuleFacts } from '../errors/validation.js';
import { lookupLongOption, lookupShortOption } from './option-lookup.js';
import type { SbatchOption } from './option-table.js';

/** One option as sbatch read it from a list of words. */
export interface ParsedOption {
  option: SbatchOption;
  /** The value, or `true` for an option given without one. */
  value: string | true;
  /** Index of the word that named the option. */
  word: number;
}

/** What {@link parseSbatchArguments} read, or the first word sbatch would stop at. */
export type ParsedArguments =
  | { options: ParsedOption[] }
  | { options: ParsedOption[]; problem: string; rule: ArgumentRule; facts: RuleFacts; word: number };

/**
 * Reads words as sbatch's `getopt_long` does: `--name=value`, `--name value` (for options that
 * require a value), `-Xvalue`, `-X value`, clustered flags (`-Hv`), and long-name prefixes. Any
 * other word (a non-option, `--`, an unknown or ambiguous name, a flag given a value) is where
 * sbatch gives up with "Invalid directive": it is reported with its index and nothing after it is
 * read.
 */
export function parseSbatchArguments(words: readonly string[]): ParsedArguments {
  const options: ParsedOption[] = [];
  const stop = (rule: ArgumentRule, facts: RuleFacts, word: number): ParsedArguments => ({
    options,
    problem: issueRulesEn[rule]({ ...facts, rule }),
    rule,
    facts,
    word,
  });
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
      const found = lookupLongOption(name);
      if ('problem' in found) return stop(found.rule as ArgumentRule, found.facts, i);
      const { option } = found;
      if (eq !== -1) {
        if (option.argument === 'none')
          return stop('sbatch_argument_takes_no_value', { value: `--${option.name}` }, i);
        options.push({ option, value: word.slice(eq + 1), word: i });
      } else if (option.argument === 'required') {
        if (i + 1 >= words.length)
          return stop('sbatch_argument_needs_value', { value: `--${option.name}` }, i);
        options.push({ option, value: words[i + 1]!, word: i });
        i++;
      } else {
        options.push({ option, value: true, word: i });
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1 && word !== '--') {
      for (let j = 1; j < word.length; j++) {
        const found = lookupShortOption(word[j]!);
        if ('problem' in found) return stop(found.rule as ArgumentRule, found.facts, i);
        const { option } = found;
        const rest = word.slice(j + 1);
        if (option.argument === 'none') {
          options.push({ option, value: true, word: i });
          continue;
        }
        if (rest !== '') options.push({ option, value: rest, word: i });
        else if (option.argument === 'optional') options.push({ option, value: true, word: i });
        else if (i + 1 < words.length) {
          options.push({ option, value: words[i + 1]!, word: i });
          i++;
        } else return stop('sbatch_argument_needs_value', { value: `-${option.short}` }, i);
        break;
      }
      continue;
    }
    return stop('sbatch_argument_not_an_option', { value: word }, i);
  }
  return { options };
}
