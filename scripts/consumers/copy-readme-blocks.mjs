#!/usr/bin/env node
/**
 * Copies every ```ts block of the root README and the package READMEs into a consumer project,
 * one module per block, as a reader copies them: `node copy-readme-blocks.mjs <repo> <outDir>`.
 * Prints one line per block, `<kind> <file>`: `run` blocks need no service and are run, `needs`
 * blocks (first line `// needs …`) are only type-checked; `// fragment` blocks are skipped. The
 * markers are the ones test/doc-blocks.test.ts uses in the repository.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [repo, outDir] = process.argv.slice(2);
if (!repo || !outDir) throw new Error('usage: copy-readme-blocks.mjs <repo> <outDir>');
const readmes = [
  ['README', join(repo, 'README.md')],
  ...readdirSync(join(repo, 'packages')).map((dir) => [dir, join(repo, 'packages', dir, 'README.md')]),
];
mkdirSync(outDir, { recursive: true });
for (const [name, file] of readmes) {
  const lines = readFileSync(file, 'utf8').split('\n');
  let start = -1;
  for (const [i, line] of lines.entries()) {
    if (start < 0 && line === '```ts') start = i + 1;
    else if (start >= 0 && line === '```') {
      const code = lines.slice(start, i).join('\n');
      const first = code.split('\n', 1)[0] ?? '';
      if (!/^\/\/ fragment\b/.test(first)) {
        const target = join(outDir, `${name}-${start + 1}.ts`);
        writeFileSync(target, `${code}\n`);
        console.log(`${/^\/\/ needs /.test(first) ? 'needs' : 'run'} ${target}`);
      }
      start = -1;
    }
  }
}
