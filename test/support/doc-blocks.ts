/**
 * Finds the TypeScript code blocks a reader copies: the ```ts blocks of the READMEs, SECURITY.md,
 * the guides and the decision records, and the ```ts blocks inside TSDoc `@example` tags.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const root = join(import.meta.dirname, '..', '..');

/** How a block may be used, read from its first line (which readers see too). */
export type BlockKind = 'run' | 'needs' | 'fragment';

/** One TypeScript code block of a document or a TSDoc comment. */
export interface CodeBlock {
  /** Where it is, as `path:line` (the line of the opening fence), for test names and errors. */
  where: string;
  /** The file it was found in, absolute. */
  file: string;
  /** The block's code, without the fences (and without the `*` of a comment). */
  code: string;
  /**
   * `needs`: its first line says it needs a service (`// needs the Slurm test cluster …`), so it is
   * only type-checked; `fragment`: its first line says `// fragment`, so it is neither checked
   * nor run; `run`: everything else, which must run as written.
   */
  kind: BlockKind;
  /** What the first line says it needs, for `needs` blocks. */
  needs?: string;
}

const FENCE_OPEN = /^(\s*)```(ts|typescript)\b(.*)$/;
const FENCE_CLOSE = /^\s*```\s*$/;

/** Reads a block's kind from its first line. */
function kindOf(code: string): Pick<CodeBlock, 'kind' | 'needs'> {
  const first = code.split('\n', 1)[0]?.trim() ?? '';
  const needs = /^\/\/ needs (.+)$/.exec(first);
  if (needs) return { kind: 'needs', needs: needs[1] };
  if (/^\/\/ fragment\b/.test(first)) return { kind: 'fragment' };
  return { kind: 'run' };
}

/** The ```ts blocks of one markdown file. */
export function markdownBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i] ?? '')) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !FENCE_CLOSE.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    const code = body.join('\n');
    blocks.push({ where: `${relative(root, file)}:${start + 1}`, file, code, ...kindOf(code) });
  }
  return blocks;
}

/** Every markdown file whose ts blocks must run: READMEs (the portal's too), SECURITY.md, guides, decision records. */
export function documentFiles(): string[] {
  const inDir = (dir: string) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => name.endsWith('.md'))
          .sort()
          .map((name) => join(root, dir, name))
      : [];
  const packageReadmes = readdirSync(join(root, 'packages'))
    .sort()
    .map((dir) => join(root, 'packages', dir, 'README.md'))
    .filter((file) => existsSync(file));
  return [
    join(root, 'README.md'),
    join(root, 'SECURITY.md'),
    ...packageReadmes,
    join(root, 'examples', 'portal', 'README.md'),
    ...inDir('docs/guides'),
    ...inDir('docs/decisions'),
  ];
}

/** Every source file of every package (tests excluded), recursively. */
export function packageSources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return walk(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
      });
  return readdirSync(join(root, 'packages'))
    .sort()
    .flatMap((dir) =>
      existsSync(join(root, 'packages', dir, 'src')) ? walk(join(root, 'packages', dir, 'src')) : [],
    );
}

/**
 * The ```ts blocks inside the `@example` tags of one source file's doc comments. A block counts
 * when it opens in an `@example` tag's text, before the comment's next tag or its end.
 */
export function tsdocExamples(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let inExample = false;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] ?? '').replace(/^\s*\/?\*+\s?/, '');
    if (/^\s*@example\b/.test(text)) {
      inExample = true;
      continue;
    }
    if (/^\s*@\w+/.test(text) || (lines[i] ?? '').includes('*/')) inExample = false;
    if (!inExample || !FENCE_OPEN.test(text)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length; i++) {
      const line = (lines[i] ?? '').replace(/^\s*\* ?/, '');
      if (FENCE_CLOSE.test(line)) break;
      body.push(line);
    }
    const code = body.join('\n');
    blocks.push({ where: `${relative(root, file)}:${start + 1}`, file, code, ...kindOf(code) });
  }
  return blocks;
}
