/**
 * Type-checks code blocks as if they were files of the repository: the compiler options every
 * package builds with, `@hpckit/*` resolved to the workspace sources (`@hpckit/source`), each
 * block a module (top-level await allowed). Creating a program is the slow part, so every block
 * is checked in one program, built on the program that first read the modules' exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { root } from './doc-blocks.js';

/** A block as a file the compiler reads: where it pretends to live, and its text. */
export interface VirtualFile {
  path: string;
  text: string;
  /** How many lines were added above the block's own code (left out of reported line numbers). */
  preludeLines: number;
}

/** The names a module exports, split by whether they are values or only types. */
export interface ModuleExports {
  values: string[];
  types: string[];
}

/** Reads the compiler options every package builds with; every block is a module. */
function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const { config } = ts.readConfigFile(configPath, (path) => readFileSync(path, 'utf8'));
  return {
    ...ts.parseJsonConfigFileContent(config, ts.sys, root).options,
    noEmit: true,
    // A block without imports is still a module: blocks must not share one global scope.
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
}

/** Reads the exports of the given modules (entry points, documented source files). */
export function readExports(modules: readonly string[]): {
  exports: Map<string, ModuleExports>;
  program: ts.Program;
} {
  const program = ts.createProgram({ rootNames: [...modules], options: compilerOptions() });
  const checker = program.getTypeChecker();
  const exports = new Map<string, ModuleExports>();
  for (const file of modules) {
    const source = program.getSourceFile(file);
    const symbol = source && checker.getSymbolAtLocation(source);
    const values: string[] = [];
    const types: string[] = [];
    for (const item of symbol ? checker.getExportsOfModule(symbol) : []) {
      if (item.name === 'default') continue;
      const target = item.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(item) : item;
      (target.flags & ts.SymbolFlags.Value ? values : types).push(item.name);
    }
    exports.set(file, { values, types });
  }
  return { exports, program };
}

/** Formats one diagnostic with the line in the block's own numbering. */
function describe(diagnostic: ts.Diagnostic, preludeLines: number): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return text;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const blockLine = line + 1 - preludeLines;
  return `line ${blockLine}:${character + 1}: TS${diagnostic.code} ${text}`;
}

/**
 * Type-checks every virtual file in one program and returns each one's errors (empty when it
 * type-checks), keyed by its path. `oldProgram` lets the compiler reuse the files it already read.
 */
export function checkVirtualFiles(
  files: readonly VirtualFile[],
  oldProgram?: ts.Program,
): Map<string, string[]> {
  const options = compilerOptions();
  const virtual = new Map(files.map((file) => [file.path, file]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const file = virtual.get(fileName);
    if (file) return ts.createSourceFile(fileName, file.text, languageVersion, true);
    return getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(fileName)?.text ?? readFile(fileName);

  const program = ts.createProgram({
    rootNames: [...(oldProgram?.getRootFileNames() ?? []), ...virtual.keys()],
    options,
    host,
    ...(oldProgram ? { oldProgram } : {}),
  });
  const result = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(file.path);
    if (source === undefined) {
      result.set(file.path, ['the compiler did not read this block']);
      continue;
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    result.set(
      file.path,
      diagnostics.map((d) => describe(d, file.preludeLines)),
    );
  }
  return result;
}
