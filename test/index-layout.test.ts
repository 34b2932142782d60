/**
 * Every entry point's index has the same layout, so a reader finds a package's surface the same way
 * in each: a `@packageDocumentation` header naming the module, then sections by concept (a `//`
 * heading each), in which a module's value exports come first and its type exports right after them.
 * An index only re-exports: code lives in the modules. Deprecated re-exports come last.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { entryPoints } from './support/entry-points.js';

const root = join(import.meta.dirname, '..');

interface ExportLine {
  from: string;
  typeOnly: boolean;
  deprecated: boolean;
  line: number;
}

/** The layout problems of one index file, each naming its line. */
function layoutProblems(path: string, module: string): string[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const header = /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0] ?? '';
  if (!header.includes('@packageDocumentation'))
    problems.push('starts without a @packageDocumentation block');
  if (!header.includes(`@module ${module}\n`)) problems.push(`its header does not say @module ${module}`);

  const exports: ExportLine[] = [];
  let firstHeading: string | undefined;
  for (const statement of source.statements) {
    const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) {
      problems.push(`line ${line}: declares code; an index only re-exports (\`export … from\`)`);
      continue;
    }
    const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
    if (exports.length === 0) {
      firstHeading = comments.map((c) => text.slice(c.pos, c.end)).find((c) => c.startsWith('// '));
    }
    exports.push({
      from: (statement.moduleSpecifier as ts.StringLiteral).text,
      typeOnly: statement.isTypeOnly,
      deprecated: comments.some((c) => text.slice(c.pos, c.end).includes('@deprecated')),
      line,
    });
  }

  // A one- or two-module entry point (a store) needs no headings; anything larger is read by section.
  if (new Set(exports.map((e) => e.from)).size > 2 && firstHeading === undefined) {
    problems.push(`line ${exports[0]?.line}: the first export has no \`// Section\` heading`);
  }

  exports.forEach((current, i) => {
    const at = `line ${current.line}`;
    const earlier = exports.slice(0, i).filter((e) => e.from === current.from);
    if (earlier.some((e) => e.typeOnly === current.typeOnly && !current.deprecated)) {
      problems.push(
        `${at}: a second \`export${current.typeOnly ? ' type' : ''} … from '${current.from}'\`; merge them`,
      );
    }
    if (!current.typeOnly && earlier.some((e) => e.typeOnly && !e.deprecated)) {
      problems.push(`${at}: the values of '${current.from}' come before its types`);
    }
    if (current.typeOnly && !current.deprecated) {
      const value = earlier.find((e) => !e.typeOnly);
      if (value !== undefined && exports[i - 1] !== value) {
        problems.push(
          `${at}: the types of '${current.from}' belong right after its values (line ${value.line})`,
        );
      }
    }
    if (!current.deprecated && exports.slice(0, i).some((e) => e.deprecated)) {
      problems.push(`${at}: comes after a deprecated re-export; deprecated ones go last`);
    }
  });
  return problems;
}

describe('index layout', () => {
  it.each(entryPoints().map((e) => [e.specifier, e.source] as const))(
    '%s follows the index layout',
    (module, path) => {
      expect(layoutProblems(path, module), relative(root, path)).toEqual([]);
    },
  );
});
