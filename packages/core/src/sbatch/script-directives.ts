import { type IssueRule, issueRulesEn } from '../errors/messages/en-issues.js';
import type { RuleFacts } from '../errors/validation.js';
import { type ParsedOption, parseSbatchArguments } from './parse-arguments.js';

/** An option read from a script's `#SBATCH` lines, with where it was written. */
export interface ScriptOption extends Omit<ParsedOption, 'word'> {
  /** 1-based line number in the script. */
  line: number;
  /** The whole line, for messages. */
  text: string;
}

/** A script line sbatch would refuse to read (and so refuse the job). */
export interface ScriptProblem {
  line: number;
  text: string;
  /** What sbatch refuses, in English. */
  message: string;
  /** The rule every locale words the problem from, with its facts (`line` and `text` aside). */
  rule: IssueRule;
  facts: RuleFacts;
}

function scriptProblem(line: number, text: string, rule: IssueRule, facts: RuleFacts = {}): ScriptProblem {
  return { line, text, message: issueRulesEn[rule]({ ...facts, rule }), rule, facts };
}

/** The options of a script's `#SBATCH` lines and the problems sbatch would stop at. */
export interface ScriptDirectives {
  options: ScriptOption[];
  problems: ScriptProblem[];
}

const MAGIC_WORDS = ['#SBATCH', '#SLURM'];
// C's isspace() in the C locale, which is what sbatch uses: JavaScript's \s also matches Unicode
// spaces, and reading past a line sbatch takes for a command would find options it never applies.
const C_SPACE = /^[ \t\n\v\f\r]$/;
const IS_COMMAND = /^[ \t\n\v\f\r]*[^ \t\n\v\f\r#]/;

/**
 * Reads a batch script's options as sbatch 22.05 does (`_opt_batch_script` and `get_argument` in
 * `src/sbatch/opt.c`):
 * - a line counts when it starts with `#SBATCH` (or the old `#SLURM`) at its very first
 *   character, whatever follows the magic word (`#SBATCH--time=5` is read too); an indented one
 *   is a comment;
 * - reading stops at the first line that is neither blank nor a comment: options below the first
 *   command are ignored;
 * - words split on whitespace; single or double quotes group, a backslash escapes the next
 *   character, an unquoted `#` starts a comment;
 * - the words of all lines are read as one argument list, so a value may sit on the next line.
 *
 * `#PBS` and `#BSUB` lines are not read: hpckit submits with `SBATCH_IGNORE_PBS` set, so sbatch
 * ignores them too. A `hetjob`/`packjob` separator (a heterogeneous job) is refused.
 *
 * @example
 * ```ts
 * readScriptDirectives('#!/bin/bash\n#SBATCH -p gpu --time=1:00:00\nsrun a.out\n#SBATCH -N 4\n');
 * // options: partition=gpu (line 2), time=1:00:00 (line 2); the -N after the command is ignored
 * ```
 */
export function readScriptDirectives(script: string): ScriptDirectives {
  const problems: ScriptProblem[] = [];
  const words: { word: string; line: number; text: string }[] = [];
  const lines = script.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!;
    const line = index + 1;
    const magic = MAGIC_WORDS.find((m) => text.startsWith(m));
    if (magic === undefined) {
      if (IS_COMMAND.test(text)) break;
      continue;
    }
    const rest = text.slice(magic.length);
    if (/^\s*(hetjob|packjob)(\s|$)/i.test(rest)) {
      problems.push(scriptProblem(line, text, 'sbatch_script_hetjob'));
      continue;
    }
    const split = splitDirectiveWords(rest);
    if (!Array.isArray(split)) {
      problems.push(scriptProblem(line, text, split.rule, split.facts));
      continue;
    }
    for (const word of split) words.push({ word, line, text });
  }
  if (problems.length > 0) return { options: [], problems };
  const parsed = parseSbatchArguments(words.map((w) => w.word));
  const options = parsed.options.map(({ option, value, word }) => ({
    option,
    value,
    line: words[word]!.line,
    text: words[word]!.text,
  }));
  if ('problem' in parsed) {
    const at = words[parsed.word]!;
    problems.push(
      scriptProblem(at.line, at.text, 'sbatch_script_refused', { ...parsed.facts, item: parsed.rule }),
    );
  }
  return { options, problems };
}

/**
 * The words of one directive line after the magic word, or why sbatch could not split it. Mirrors
 * `get_argument`: a backslash is dropped and escapes the next character (but never joins words
 * across whitespace outside quotes), and an empty word (`""`) ends the line, as it does in sbatch.
 */
function splitDirectiveWords(rest: string): string[] | { rule: IssueRule; facts: RuleFacts } {
  const words: string[] = [];
  let i = 0;
  for (;;) {
    while (i < rest.length && C_SPACE.test(rest[i]!)) i++;
    if (i >= rest.length) return words;
    if (rest[i] === ':') return { rule: 'sbatch_script_word_colon', facts: {} };
    let word = '';
    let quote: string | undefined;
    let escaped = false;
    for (; i < rest.length && (quote !== undefined || !C_SPACE.test(rest[i]!)); i++) {
      const ch = rest[i]!;
      if (escaped) escaped = false;
      else if (ch === '\\') {
        escaped = true;
        continue;
      } else if (quote !== undefined) {
        if (ch === quote) {
          quote = undefined;
          continue;
        }
      } else if (ch === '"' || ch === "'") {
        quote = ch;
        continue;
      } else if (ch === '#') {
        if (word !== '') words.push(word);
        return words;
      }
      word += ch;
    }
    if (quote !== undefined) return { rule: 'sbatch_script_unmatched_quote', facts: { value: quote } };
    if (word === '') return words;
    words.push(word);
  }
}
