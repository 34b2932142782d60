/**
 * Every code block a reader copies works as written.
 *
 * Documents (README.md, SECURITY.md, packages/*\/README.md, docs/guides/*.md, docs/decisions/*.md):
 * every ```ts block is a standalone module (a reader copies one block, not a whole guide), so it
 * imports what it uses and declares what it needs. Every block is type-checked; a block that needs
 * no service also runs (tsx, in a child process, from an empty temporary directory) and must exit
 * 0. A block whose first line is `// needs …` (the Slurm test cluster, a Slurm login node,
 * PostgreSQL, the network) is only type-checked; one whose first line is `// fragment …` (an
 * option shown on its own) is neither, and such blocks should stay rare.
 *
 * TSDoc `@example` blocks (packages/*\/src, tests excluded) are type-checked, not run. They show a
 * function in the context of its module, so a block may use without importing: the documented
 * module's own exports, then every public export of every package (its own package first), and
 * the context variables of `CONTEXT` in support/checked-blocks.ts (a `client`, an `adapter`, a `ledger`, …). Everything
 * else it uses it must import or declare; a name the block declares itself wins.
 *
 * All blocks are checked in one compiler program, because creating a program is the slow part.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentBlocks, errorsOf, exampleBlocks } from './support/checked-blocks.js';
import { root } from './support/doc-blocks.js';
import { runBlock } from './support/run-block.js';

const RUN_TIMEOUT_MS = 60_000;

const runDir = mkdtempSync(join(root, '.doc-blocks-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('code blocks of the READMEs, SECURITY.md, guides and decisions', () => {
  it('finds the blocks (the extraction itself works)', () => {
    expect(documentBlocks.length).toBeGreaterThan(30);
    expect(documentBlocks.some((block) => block.where.startsWith('README.md:'))).toBe(true);
  });

  const typed = documentBlocks.filter((block) => block.kind !== 'fragment');
  it.each(typed.map((block) => [block.where, block] as const))('%s type-checks', (_where, block) => {
    expect(errorsOf(block)).toEqual([]);
  });

  const runnable = documentBlocks.filter((block) => block.kind === 'run');
  describe.concurrent('runnable blocks run', () => {
    it.each(runnable.map((block) => [block.where, block] as const))(
      '%s runs and exits 0',
      async (where, block) => {
        const file = join(runDir, `${where.replace(/[^A-Za-z0-9]+/g, '-')}.ts`);
        const run = await runBlock(block.code, file, RUN_TIMEOUT_MS);
        const stderr = run.stderr.slice(-6000);
        expect({
          exitCode: run.exitCode,
          timedOut: run.timedOut,
          stderr: run.exitCode === 0 ? '' : stderr,
        }).toEqual({
          exitCode: 0,
          timedOut: false,
          stderr: '',
        });
      },
      RUN_TIMEOUT_MS + 10_000,
    );
  });
});

describe('TSDoc @example blocks', () => {
  it('finds the examples (the extraction itself works)', () => {
    expect(exampleBlocks.length).toBeGreaterThan(80);
  });

  const typed = exampleBlocks.filter((block) => block.kind !== 'fragment');
  it.each(typed.map((block) => [block.where, block] as const))('%s type-checks', (_where, block) => {
    expect(errorsOf(block)).toEqual([]);
  });
});
