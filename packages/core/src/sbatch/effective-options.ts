import type { ValidationIssue } from '../errors/details.js';
import type { RuleFacts } from '../errors/validation.js';
import type { IssueRule } from '../errors/messages/en-issues.js';
import { lookupLongOption } from './option-lookup.js';
import {
  groupOf,
  OPTION_GROUPS,
  type OptionGroup,
  type SbatchOptions,
  type SpecFields,
} from './option-groups.js';
import type { SbatchOption } from './option-table.js';
import { readScriptDirectives, type ScriptOption } from './script-directives.js';

/**
 * A problem with a spec's options, at a path of the spec: a rule and its facts, worded in each
 * locale by the schema that reports it.
 */
export type OptionIssue = { path: (string | number)[]; rule: IssueRule; facts: RuleFacts };

/** A rule an option broke and the facts it is worded from. */
type OptionProblem = { rule: IssueRule; facts: RuleFacts };

/** What {@link foldSbatchOptions} needs: the spec's explicit fields, directives and script. */
export interface FoldInput {
  /** Fields the caller gave (unset fields are absent: defaults are not options). */
  fields: SpecFields;
  directives?: Readonly<Record<string, string | true | null>>;
  script?: string;
}

/** Validates decoded job-spec input with the spec's own field schemas. */
export type FieldParser = (
  input: Record<string, unknown>,
) => { fields: SpecFields } | { problems: ValidationIssue[] };

/** The options of a spec as sbatch will apply them. */
export interface FoldedOptions {
  /** The fields the options set, whichever source set them. */
  fields: SpecFields;
  /**
   * Every other option (canonical long names), values the fields cannot express, and `null` for
   * a generated option a directive removed.
   */
  directives: Record<string, string | true | null>;
}

/** Where an option on the "command line" came from, for messages. */
type Origin = { kind: 'field'; field: string } | { kind: 'directive'; key: string };

/**
 * Folds a spec's three sources of sbatch options into the job sbatch will run. The fields and
 * `directives` become command-line options, which override a script's `#SBATCH` lines, as in
 * sbatch. So that a value written in the script is never silently replaced, a group of options
 * (memory, CPUs, time…) set both by the spec and by the script must agree; otherwise the spec is
 * refused with the script line that conflicts. Options that set no field are kept as directives.
 * Reserved options (`comment`, `parsable`, `wrap`, `uid`…) are refused in every spelling.
 */
export function foldSbatchOptions(
  input: FoldInput,
  parse: FieldParser,
): FoldedOptions | { issues: OptionIssue[] } {
  const issues: OptionIssue[] = [];
  const commandLine: SbatchOptions = new Map();
  const origin = new Map<string, Origin>();
  // Generated options a directive removed (`null`): the compiled command line must omit them too.
  const removed = new Set<string>();
  for (const group of OPTION_GROUPS) {
    for (const [name, value] of group.encode(input.fields)) {
      commandLine.set(name, value);
      origin.set(name, { kind: 'field', field: fieldLabel(group, input.fields) });
    }
  }
  for (const [key, value] of Object.entries(input.directives ?? {})) {
    const found = lookupLongOption(key);
    if ('problem' in found) {
      issues.push({ path: ['directives', key], rule: 'sbatch_directive_not_an_option', facts: found.facts });
      continue;
    }
    const { option } = found;
    const problem = reservedProblem(option) ?? valueProblem(option, value);
    if (problem) {
      issues.push({ path: ['directives', key], ...problem });
      continue;
    }
    if (value === null) {
      commandLine.delete(option.name);
      removed.add(option.name);
      continue;
    }
    const group = groupOf(option.name);
    if (group?.exclusive) for (const other of group.options) commandLine.delete(other);
    commandLine.set(option.name, value);
    origin.set(option.name, { kind: 'directive', key });
  }

  const script = new Map<string, ScriptOption>();
  if (input.script !== undefined) {
    const read = readScriptDirectives(input.script);
    for (const p of read.problems)
      issues.push({
        path: ['script'],
        rule: p.rule,
        facts: { ...p.facts, count: p.line, text: quoteLine(p.text) },
      });
    for (const so of read.options) {
      const problem = reservedProblem(so.option);
      if (problem)
        issues.push({
          path: ['script'],
          rule: problem.rule,
          facts: { ...problem.facts, count: so.line, text: quoteLine(so.text) },
        });
      const group = groupOf(so.option.name);
      const clash = group?.exclusive
        ? group.options.map((o) => script.get(o)).find((o) => o && o.option.name !== so.option.name)
        : undefined;
      if (clash) {
        issues.push({
          path: ['script'],
          rule: 'sbatch_script_exclusive_options',
          facts: {
            count: so.line,
            text: quoteLine(so.text),
            item: String(clash.line),
            value: quoteLine(clash.text),
            names: [so.option.name, clash.option.name],
          },
        });
      }
      script.set(so.option.name, so);
    }
  }
  if (issues.length > 0) return { issues };

  const fields: SpecFields = {};
  const directives: Record<string, string | true | null> = {};
  for (const name of removed) directives[name] = null;
  for (const [name, so] of script) if (!groupOf(name)) directives[name] = so.value;
  for (const [name, value] of commandLine) if (!groupOf(name)) directives[name] = value;

  // The node count first: how `--gpus` spreads depends on it.
  const ordered = [...OPTION_GROUPS].sort((a, b) => Number(b.id === 'nodes') - Number(a.id === 'nodes'));
  for (const group of ordered) {
    const fromLine = pick(commandLine, group.options);
    const fromScript = new Map([...script].filter(([name]) => group.options.includes(name)));
    const nodes = fields.nodes ?? 1;
    if (fromLine.size > 0 && fromScript.size > 0) {
      const line = decodeFields(group, fromLine, nodes, parse);
      const written = decodeFields(group, pick(mapValues(fromScript), group.options), nodes, parse);
      if (!sameMeaning(group, line, written)) {
        const so = [...fromScript.values()].at(-1)!;
        const by = origin.get([...fromLine.keys()][0]!)!;
        issues.push({
          path: ['script'],
          rule: 'sbatch_script_disagrees',
          facts: {
            count: so.line,
            text: quoteLine(so.text),
            examples: [describe(fromScript), describe(fromLine)],
            ...(by.kind === 'field' ? { names: [by.field] } : { item: by.key }),
          },
        });
        continue;
      }
    }
    const chosen = fromLine.size > 0 ? fromLine : pick(mapValues(fromScript), group.options);
    // No option at all, or only the spec's own fields: keep the fields as written ("gpusPerNode: 0"
    // generates no option; "coresPerNode" stays "coresPerNode").
    const onlyFields =
      fromLine.size > 0 && [...fromLine.keys()].every((name) => origin.get(name)?.kind === 'field');
    if (chosen.size === 0 || onlyFields) {
      for (const field of group.fields)
        if (input.fields[field] !== undefined) copyField(fields, input.fields, field);
      continue;
    }
    const decoded = decodeFields(group, chosen, nodes, parse);
    if ('problems' in decoded) {
      const path = fromLine.size > 0 ? pathOf(origin.get([...chosen.keys()][0]!)!) : ['script'];
      const line = fromLine.size > 0 ? {} : { count: [...fromScript.values()].at(-1)!.line };
      for (const p of decoded.problems) issues.push({ path, rule: p.rule, facts: { ...p.facts, ...line } });
    } else if ('unmodelled' in decoded) {
      for (const [name, value] of chosen) directives[name] = value;
    } else {
      Object.assign(fields, decoded.fields);
      // A typed GPU request ("gpu:a100:2") keeps its text: "gpusPerNode" alone would drop the type.
      if (group.id === 'gpus' && [...chosen.values()].some((v) => typeof v === 'string' && /:[^:\d]/.test(v)))
        for (const [name, value] of chosen) directives[name] = value;
    }
  }
  return issues.length > 0 ? { issues } : { fields, directives };
}

function copyField<K extends keyof SpecFields>(to: SpecFields, from: SpecFields, field: K): void {
  to[field] = from[field];
}

type DecodedFields =
  | { fields: SpecFields }
  | { problems: OptionProblem[] }
  | { unmodelled: string; raw: string };

function decodeFields(
  group: OptionGroup,
  options: ReadonlyMap<string, string | true>,
  nodes: number,
  parse: FieldParser,
): DecodedFields {
  const decoded = group.decode(options, nodes);
  if ('problem' in decoded) return { problems: [decoded.problem] };
  if ('unmodelled' in decoded) return { unmodelled: decoded.unmodelled, raw: describe(options) };
  const parsed = parse(decoded.input);
  if ('fields' in parsed) return parsed;
  // The field's own schema words what is wrong; the rule says which field the option set.
  return {
    problems: parsed.problems.map((issue) => ({
      rule: 'sbatch_value_field',
      facts: { item: issue.path.join('.'), issue },
    })),
  };
}

function sameMeaning(group: OptionGroup, a: DecodedFields, b: DecodedFields): boolean {
  if ('fields' in a && 'fields' in b) {
    const encode = (d: { fields: SpecFields }) => JSON.stringify(group.encode(d.fields));
    return encode(a) === encode(b);
  }
  if ('raw' in a && 'raw' in b) return a.raw === b.raw;
  return false;
}

function pick(options: ReadonlyMap<string, string | true>, names: readonly string[]): SbatchOptions {
  return new Map([...options].filter(([name]) => names.includes(name)));
}

function mapValues(script: ReadonlyMap<string, ScriptOption>): SbatchOptions {
  return new Map([...script].map(([name, so]) => [name, so.value]));
}

function describe(options: ReadonlyMap<string, string | true | ScriptOption>): string {
  return [...options]
    .map(([name, v]) => {
      const value = typeof v === 'object' ? v.value : v;
      return value === true ? `--${name}` : `--${name}=${value}`;
    })
    .join(' ');
}

function fieldLabel(group: OptionGroup, fields: SpecFields): string {
  return group.fields.find((f) => fields[f] !== undefined) ?? group.fields[0]!;
}

function pathOf(o: Origin): (string | number)[] {
  return o.kind === 'field' ? [o.field] : ['directives', o.key];
}

function quoteLine(text: string): string {
  const line = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(line);
}

function reservedProblem(option: SbatchOption): OptionProblem | undefined {
  if (option.kind !== 'reserved') return undefined;
  return { rule: 'sbatch_option_reserved', facts: { value: option.name } };
}

function valueProblem(option: SbatchOption, value: string | true | null): OptionProblem | undefined {
  if (value === null) return undefined;
  if (option.argument === 'none' && value !== true)
    return { rule: 'sbatch_option_takes_no_value', facts: { value: option.name } };
  if (option.argument === 'required' && value === true)
    return { rule: 'sbatch_option_needs_value', facts: { value: option.name } };
  return undefined;
}
