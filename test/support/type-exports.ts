/**
 * Lists the type-only exports of each entry point, read from the sources by the TypeScript
 * compiler: what `import type` can reach but `Object.keys(await import(...))` cannot see.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/** Reads the compiler options every package builds with. */
function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const { config } = ts.readConfigFile(configPath, (path) => readFileSync(path, 'utf8'));
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

/**
 * The sorted names each source file exports as types only (interfaces and type aliases, including
 * re-exports), keyed by the file's path as given.
 */
export function typeOnlyExports(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram({
    rootNames: [...files],
    options: { ...compilerOptions(), noEmit: true },
  });
  const checker = program.getTypeChecker();
  const result = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`the compiler could not read ${file}`);
    const names = checker
      .getExportsOfModule(moduleSymbol)
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return (target.flags & ts.SymbolFlags.Value) === 0;
      })
      .map((symbol) => symbol.name)
      .sort();
    result.set(file, names);
  }
  return result;
}
