/**
 * The Slurm dialect of a job spec: sbatch's option table, its `#SBATCH` reader, the fold of a
 * spec's fields, directives and script into the job sbatch will run, and the compiler of a
 * validated spec into its batch script and sbatch argv. Adapters, the mock, the resource policy
 * and pricing all use this one model, so they judge the same effective job.
 *
 * @packageDocumentation
 * @module @hpckit/core/sbatch
 */

// sbatch's options
export { SBATCH_INPUT_VARIABLES, SBATCH_OPTIONS } from './option-table.js';
export type { SbatchArgument, SbatchOption, SbatchOptionKind } from './option-table.js';
export { lookupLongOption, lookupShortOption } from './option-lookup.js';
export type { OptionLookup } from './option-lookup.js';
export type { SbatchOptions } from './option-groups.js';

// Reading arguments and scripts
export { parseSbatchArguments } from './parse-arguments.js';
export type { ParsedArguments, ParsedOption } from './parse-arguments.js';
export { readScriptDirectives } from './script-directives.js';
export type { ScriptDirectives, ScriptOption, ScriptProblem } from './script-directives.js';
export { unmodelledResources } from './unmodelled.js';
export type { UnmodelledResource } from './unmodelled.js';

// Slurm's values
export {
  formatSbatchTime,
  parseGpuCount,
  parseGres,
  parseSbatchMemory,
  parseSbatchTime,
} from './slurm-values.js';
export type { GresItem } from './slurm-values.js';

// Compiling a spec
export { compileSubmission, renderBatchScript } from './compile-submission.js';
export type { CompiledSubmission, CompileOptions } from './compile-submission.js';
export { optionsToArgv, sbatchCommandLine } from './command-line.js';
export type { SubmissionContext } from './command-line.js';

// Output file names
export { expandFilenamePattern } from './filename-pattern.js';
export type { FilenamePatternValues } from './filename-pattern.js';
