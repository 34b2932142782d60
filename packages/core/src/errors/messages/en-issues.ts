import type { ValidationIssueFacts } from '../details.js';

const q = (text: string | undefined) => text ?? '?';
const or = (items: string[] | undefined) => {
  const all = items ?? [];
  return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
};

/** Where in a script a problem is, when it is on a line: `line 3 ("#SBATCH --uid=0"): `. */
const at = (f: ValidationIssueFacts) => (f.count === undefined ? '' : `line ${f.count} (${q(f.text)}): `);

/** Why sbatch options hpckit sets or forbids are reserved, by option name. */
const RESERVED_EN: Record<string, string> = {
  comment:
    'set the job comment with the spec\'s "comment" field: hpckit keeps its idempotency token in the job comment',
  parsable: "hpckit reads sbatch's answer in its own format",
  wrap: 'give the commands as "command" or "script"',
  wait: 'it would make the submission wait until the job ends',
  uid: 'jobs run as the user the portal acts for',
  gid: 'jobs run as the user the portal acts for',
  clusters: "the cluster is chosen by the adapter's configuration",
  cluster: "the cluster is chosen by the adapter's configuration",
  'cluster-constraint': "the cluster is chosen by the adapter's configuration",
  'export-file': 'set the job\'s variables with the spec\'s "environment"',
  priority: 'only operators may set a priority',
  reboot: 'only operators may reboot nodes',
};

/** Why a name is no sbatch option: ambiguous (`names` it could be) or unknown. */
const noSuchOption = (f: ValidationIssueFacts) =>
  f.names
    ? `"--${q(f.value)}" is ambiguous: sbatch could read it as ${f.names.map((n) => `--${n}`).join(', ')}; write the option in full`
    : `sbatch has no option "${q(f.value)}"`;

/** Where in a script a problem sbatch stops at is: `line 3 ("#SBATCH -y") `. */
const onLine = (f: ValidationIssueFacts) => (f.count === undefined ? '' : `line ${f.count} (${q(f.text)}) `);

/** The script line an option's value was read from, when it was: `line 3: `. */
const fromLine = (f: ValidationIssueFacts) => (f.count === undefined ? '' : `line ${f.count}: `);

/** Why sbatch stops reading a list of option words, by rule. */
const argumentRulesEn = {
  sbatch_option_ambiguous: (f: ValidationIssueFacts) => noSuchOption(f),
  sbatch_no_such_option: (f: ValidationIssueFacts) => noSuchOption({ ...f, names: undefined }),
  sbatch_argument_takes_no_value: (f: ValidationIssueFacts) => `"${q(f.value)}" takes no value`,
  sbatch_argument_needs_value: (f: ValidationIssueFacts) => `"${q(f.value)}" needs a value`,
  sbatch_argument_not_an_option: (f: ValidationIssueFacts) => `"${q(f.value)}" is not an option`,
};

/** A rule sbatch stops reading option words at. */
export type ArgumentRule = keyof typeof argumentRulesEn;

/**
 * The English words of each validation rule hpckit's own schemas check (the zod refinements and
 * custom messages it writes), worded from the rule's facts. Every rule has Chinese words too
 * (`issueRulesZhCn`); a schema names the rule (`ruleIssue`, `ruleError`) rather than writing text.
 */
export const issueRulesEn = {
  // Numbers and counts.
  whole_number: () => 'must be a whole number',
  not_negative: () => 'must not be negative',
  at_least_one: () => 'must be at least 1',
  greater_than_zero: () => 'must be greater than zero',
  at_most: (f) => `must be at most ${q(String(f.maximum))}`,
  // Text.
  not_empty: () => 'must not be empty',
  at_most_characters: (f) =>
    `must be at most ${q(String(f.maximum))} characters${f.text ? ` (${f.text})` : ''}`,
  no_nul: () => 'must not contain a NUL character',
  single_line: () => 'must be a single line (no line breaks or NUL characters)',
  environment_value_too_long: (f) =>
    `must be at most ${q(String(f.maximum))} characters (Linux refuses longer variables); pass bigger data in a file`,
  scheduler_name: () =>
    'may contain only letters, digits, "_", "-" and "." and must not start with "-" or "."',
  login_name: () =>
    'is not a login name: use only letters, digits, "_", "." and "-", and do not start with "-" or "."',
  login_all_digits: () => 'must not be all digits (tools read a number as a uid: "id 0" is root)',
  job_id: () => 'is not a job id (expected something like "1234" or "1234_7")',
  record_too_many_entries: (f) =>
    `has ${f.count ?? '?'} entries; at most ${q(String(f.maximum))} are allowed`,
  record_key_too_long: (f) =>
    `is a name of ${f.count ?? '?'} characters; at most ${q(String(f.maximum))} are allowed`,
  directive_name: () =>
    'directive names are long option names without dashes, e.g. "mem-per-cpu" or "exclusive"',
  environment_name: () => 'environment variable names are letters, digits and "_", not starting with a digit',
  // Durations and time limits.
  duration_shape: () =>
    'must be a duration such as "2h" or "1-00:00:00", an object such as { minutes: 90 }, or a whole number of seconds',
  time_limit_shape: () =>
    'must be a duration such as "90m", "2h" or "1-00:00:00", or an object such as { minutes: 90 }',
  bare_number_time_limit: (f) =>
    `${q(f.value)} is a bare number, which Slurm reads as minutes and people often mean as seconds: write ${or(f.examples)}`,
  not_a_duration: (f) =>
    `${q(f.value)} is not a duration: use a unit such as "90m", "2h", "1d12h", or Slurm's "D-HH:MM:SS"`,
  duration_too_long: (f) =>
    `${q(f.value)} is too long: a duration must be at most ${q(String(f.maximum))} seconds (36500d, 100 years)`,
  duration_not_whole_seconds: (f) =>
    `${q(f.value)} is not a whole number of seconds: round it, e.g. { seconds: 90 }`,
  duration_object_empty: () => 'give at least one of "days", "hours", "minutes" or "seconds"',
  duration_positive: () => 'must be longer than zero',
  time_limit_positive: () => 'a time limit must be longer than zero',
  signed_duration_shape: () =>
    'must be a signed duration such as "+30m" or "-1h", or an object such as { minutes: -30 }',
  not_a_signed_duration: (f) => `${q(f.value)} is not a signed duration: write "+30m" or "-1h"`,
  set_or_delta: () => 'give exactly one of "set" (a new limit) or "delta" (a change such as "+30m")',
  zero_change: () => 'a change of zero changes nothing',
  // Memory.
  not_a_memory_size: (f) =>
    `${q(f.value)} is not a memory size: give a positive number with a unit, such as "4G" or "512M" (units are binary: 1G = 1024M)`,
  memory_size_too_large: (f) =>
    `${q(f.value)} is too large: a memory size must be at most ${q(String(f.maximum))} (2^40 MiB)`,
  memory_one_of: () => 'give exactly one of "perNode", "perCore" or "perGpu"',
  memory_per_gpu_needs_gpus: () => 'memory "perGpu" needs "gpusPerNode" of at least 1',
  // Job specs.
  command_or_script: () => 'give exactly one of "command" (shell commands) or "script" (a complete script)',
  script_interpreter: () =>
    'a complete script starts with an interpreter line such as "#!/bin/bash"; to give only commands, use "command"',
  tasks_do_not_fit: (f) =>
    `${f.count ?? '?'} tasks do not fit in ${f.minimum ?? '?'} node(s) × ${f.maximum ?? '?'} tasks per node`,
  cores_or_tasks: (f) =>
    `use either "coresPerNode" or the task fields (${(f.names ?? []).join(', ')}), not both`,
  working_directory_leaves_home: (f) =>
    `${q(f.value)} leaves the user's home: a relative working directory stays inside the home; write an absolute path for a directory elsewhere`,
  at_least_one_job_id: () => 'name at least one job id',
  from_after_to: () => '"from" must not be after "to"',
  // Configuration.
  key_file_missing: (f) => `no private key file at ${q(f.value)}`,
  key_file_unreadable: (f) => `the private key file ${q(f.value)} cannot be read (${f.text ?? 'error'})`,
  known_hosts_unreadable: (f) =>
    `none of the known_hosts files can be read (${(f.names ?? []).join(', ')}), so no host key can be trusted`,
  unknown_host: (f) => `the host name ${q(f.value)} does not resolve (${f.text ?? 'ENOTFOUND'})`,
  // Client options.
  not_an_adapter: () => 'must be a scheduler adapter, e.g. mockAdapter() or slurmAdapter({...})',
  not_a_submit_guard: () => 'must be a function (spec, ctx) => spec',
  not_timers: () => 'must be timers with a now() function, e.g. from a test clock',
  not_a_job_output_source: () =>
    'must be a job output source with a read(job, stream, range) function, e.g. jobOutputSource({ files }) of @hpckit/remote',
  not_a_progress_output: () =>
    'must be a progress output with a show(snapshot, final) function and minIntervalMs and tickMs of 0 or more, e.g. terminalProgress(process.stdout) or lineProgress(stream)',
  cluster_name: () => 'cluster names are letters, digits, "_", "-" and "."',
  at_least_one_cluster: () => 'give at least one cluster',
  unknown_cluster: (f) => `${q(f.value)} is not one of the clusters (${(f.names ?? []).join(', ')})`,
  // Money, keys and lists.
  decimal_string: () => 'must be a decimal number written as a string, such as "12.50" (never a JS number)',
  currency_code: () => 'must be an ISO 4217 code such as "CNY"',
  idempotency_key_characters: () =>
    'may contain only letters, digits and "._:@/+=-" (no spaces); a UUID or "form-1234" fits',
  batch_list_shape: () => 'must be an array of { spec } objects',
  batch_at_least_one_job: () => 'must hold at least one job',
  batch_too_many_jobs: (f) => `must hold at most ${q(String(f.maximum))} jobs: split the sweep`,
  query_list_too_long: (f) => `must hold at most ${q(String(f.maximum))} values`,
  outcome_when_ended: () => 'an outcome is present exactly when the phase is "ended"',
  at_least_one_node: () => 'name at least one node',
  timeout_deprecated_spelling: () =>
    '"timeout" is the deprecated spelling of "timeoutMs": give only "timeoutMs"',
  // Adapters and clients.
  adapter_name: () => 'must be a kebab-case id such as "slurm"',
  adapter_operation_required: () => 'is required by the contract',
  adapter_capability_operation: (f) => `is missing, but capability "${q(f.item)}" is declared`,
  keys_per_spec: (f) =>
    `has ${f.count ?? '?'} keys for ${q(String(f.maximum))} specs: give one key per spec, in the same order, or none`,
  watch_one_scope: (f) =>
    `jobs of several ${f.text === 'users' ? 'users' : 'clusters'} (${(f.names ?? []).join(', ')}) were given: watch each separately`,
  not_a_role_source: () =>
    'must be a role source { roles(user, { cluster }) => ({ platform?, adminOf? }) }, e.g. ledgerAccess({ ledger }) of @hpckit/billing/ledger',
  // Interactive apps.
  app_option_value: () => 'an option needs a non-empty value',
  app_attribute_name: () => 'attribute names are letters, digits and "_", not starting with a digit',
  app_select_needs_options: () => 'a "select" attribute needs at least one option',
  app_options_only_select: (f) => `only "select" attributes take options, not "${q(f.value)}"`,
  app_number_default: () => 'the default of a "number" attribute is a number',
  app_integer_only_number: (f) => `only "number" attributes take "integer", not "${q(f.value)}"`,
  app_target_whole_type: (f) =>
    `"${q(f.item)}" takes a whole number: make the attribute a "number" or a "select"`,
  app_target_whole_option: (f) => `"${q(f.item)}" takes a whole number, not "${q(f.value)}"`,
  app_default_not_an_option: (f) => `the default "${q(f.value)}" is not one of the options`,
  app_target_integer_false: (f) =>
    `"${q(f.item)}" takes whole numbers: drop "integer: false" or choose another target`,
  app_max_below_min: (f) => `max (${q(String(f.maximum))}) is below min (${q(String(f.minimum))})`,
  app_default_out_of_bounds: (f) =>
    `the default ${q(f.value)} is outside the bounds ${f.minimum ?? '-∞'}…${f.maximum ?? '∞'}: change the default or the bounds`,
  app_default_not_whole: (f) =>
    `the default ${q(f.value)} is not a whole number, which ${f.item === undefined ? '"integer: true"' : `"${f.item}"`} needs`,
  app_path_slash: (f) => `the ${q(f.text)} path starts with "/"`,
  app_port_unprivileged: (f) => `must be at least ${q(String(f.minimum))} (an unprivileged port)`,
  app_id: () => 'app ids are lowercase letters, digits and "-", e.g. "jupyter-lab"',
  app_display_name: () => 'an app needs a display name',
  app_attribute_name_taken: (f) =>
    `the attribute name "${q(f.value)}" is already used by "${q(f.item)}" (names are compared ignoring case): rename one`,
  app_script_empty: () => 'the script that starts the server must not be empty',
  // sbatch options, as the fold of fields, directives and `#SBATCH` lines finds them.
  sbatch_option_reserved: (f) =>
    `${at(f)}--${q(f.value)} is reserved: ${
      RESERVED_EN[f.value ?? ''] || 'it changes how sbatch itself runs, which hpckit controls'
    }`,
  ...argumentRulesEn,
  sbatch_script_hetjob: (f) =>
    `${onLine(f)}starts another component of a heterogeneous job, which hpckit does not submit: submit each part as its own job`,
  sbatch_script_word_colon: (f) => `${onLine(f)}has a word starting with ":", which sbatch refuses`,
  sbatch_script_unmatched_quote: (f) => `${onLine(f)}has an unmatched ${q(f.value)}, which sbatch refuses`,
  // `item` is the rule sbatch stopped reading the line's words at.
  sbatch_script_refused: (f) =>
    `${onLine(f)}${(argumentRulesEn[f.item as ArgumentRule] ?? noSuchOption)(f)} (sbatch refuses the script)`,
  sbatch_directive_not_an_option: (f) =>
    `${noSuchOption(f)}; directive names are long sbatch options without dashes`,
  sbatch_option_takes_no_value: (f) => `--${q(f.value)} takes no value: write true`,
  sbatch_option_needs_value: (f) => `--${q(f.value)} needs a value`,
  sbatch_script_exclusive_options: (f) =>
    `line ${f.count ?? '?'} (${q(f.text)}) and line ${q(f.item)} (${q(f.value)}) set --${q(f.names?.[0])} and --${q(f.names?.[1])}, which sbatch refuses together: keep one`,
  sbatch_script_disagrees: (f) =>
    `line ${f.count ?? '?'} (${q(f.text)}) asks for ${q(f.examples?.[0])}, but ${
      f.names ? `the spec's "${q(f.names[0])}"` : `the directive "${q(f.item)}"`
    } asks for ${q(f.examples?.[1])}: remove the line or change the spec so they agree (sbatch would silently use the spec's value)`,
  // An option's value (`value`: "--mem=4Q", from script line `count` if any) that sbatch would refuse.
  sbatch_value_names_several: (f) =>
    `${fromLine(f)}${q(f.value)} names several ${f.item === 'qos' ? 'QoS' : 'partitions'}: hpckit submits to one; name one`,
  sbatch_value_not_node_count: (f) => `${fromLine(f)}${q(f.value)} is not a node count`,
  sbatch_value_not_whole_number: (f) => `${fromLine(f)}${q(f.value)} is not a whole number`,
  sbatch_value_not_gres: (f) =>
    `${fromLine(f)}${q(f.value)} is not a list of generic resources (name[:type][:count])`,
  sbatch_value_not_gpu_count: (f) => `${fromLine(f)}${q(f.value)} is not a GPU count ([type:]count)`,
  sbatch_value_not_memory: (f) =>
    `${fromLine(f)}${q(f.value)} is not a memory size sbatch reads (e.g. 4096, 4G)`,
  sbatch_value_not_time_limit: (f) =>
    `${fromLine(f)}${q(f.value)} is not a time limit sbatch reads (minutes, HH:MM:SS, D-HH:MM:SS or UNLIMITED)`,
  // `issue` is what the spec's own schema says of the field (`item`) the option's value sets.
  sbatch_value_field: (f) => `${fromLine(f)}${q(f.item)} ${f.issue?.message ?? '?'}`,
  // Job arrays.
  array_spec: (f) => `array spec "${q(f.value)}" ${arrayProblemEn(f)}`,
  array_throttle_too_big: (f) => `must be at most ${q(String(f.maximum))}, the most tasks an array may have`,
} satisfies Record<string, (f: ValidationIssueFacts) => string>;

/** A rule hpckit's schemas check, worded in every locale from its facts. */
export type IssueRule = keyof typeof issueRulesEn;

/**
 * What core validates, named in English for "Invalid job spec: …" (`validationSubject`); every
 * subject has Chinese words too (`subjectsZhCn`).
 */
export const subjectsEn = {
  job_spec: () => 'job spec',
  job_script: () => 'job script',
  job: () => 'job',
  job_id: () => 'job id',
  job_query: () => 'job query',
  batch_submission: () => 'batch submission',
  time_limit_change: () => 'time-limit change',
  account: () => 'account',
  account_name: () => 'account name',
  account_filter: () => 'account filter',
  user_name: () => 'user name',
  membership: () => 'membership',
  node_query: () => 'node query',
  cluster_config: () => 'cluster config',
  client_options: () => 'client options',
  call_options: () => 'call options',
  call_context: () => 'call context',
  submit_context: () => 'submit context',
  submit_options: () => 'submit options',
  wait_options: () => 'wait options',
  watch_targets: () => 'watch targets',
  progress_options: () => 'progress options',
  access_roles: (f) => `access roles of user "${q(f.value)}"`,
  adapter_definition: (f) => `adapter definition "${q(f.value)}"`,
} satisfies Record<string, (f: ValidationIssueFacts) => string>;

/** A subject core validates, named in every locale. */
export type SubjectName = keyof typeof subjectsEn;

/** What is wrong with an array spec (`facts.text` names the problem, `facts.item` the part). */
export function arrayProblemEn(f: ValidationIssueFacts): string {
  const item = q(f.item);
  switch (f.text) {
    case 'too_long':
      return `is longer than ${f.maximum} characters: use ranges ("0-99", "0-99:3") instead of listing every index`;
    case 'two_throttles':
      return 'has more than one "%"';
    case 'bad_throttle':
      return 'has a throttle ("%N") that is not a positive integer';
    case 'throttle_too_big':
      return `has the throttle %${item}, above ${f.maximum}, the most tasks an array may have: lower it or leave it out`;
    case 'bad_item':
      return `has "${item}", which is neither an index ("7") nor a range ("0-9" or "0-9:2")`;
    case 'index_too_big':
      return `has the index ${item}, above ${f.maximum}, the largest index Slurm allows (its MaxArraySize is at most 4000001): use smaller indices`;
    case 'range_backwards':
      return `has the range "${item}", whose end is below its start`;
    case 'range_step':
      return `has the range "${item}", whose step is not positive`;
    default:
      return `expands to more than ${f.maximum} tasks: split it into several arrays`;
  }
}
