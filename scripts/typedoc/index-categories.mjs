/**
 * TypeDoc plugin: each module page lists its entries by category, and the categories are the
 * `// Section` headings of the entry point's index (test/index-layout.test.ts keeps every index in
 * sections). A heading's category is its text up to the first ":" (`// Blocking: the default …`
 * is "Blocking"); a re-export marked `@deprecated` is in "Deprecated"; an explicit `@category` tag
 * on a declaration wins. An export no rule places is a warning, which fails `npm run docs`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';
import ts from 'typescript';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const indexes = app.options.getValue('entryPoints').map((entry) => readIndex(resolve(entry)));
    const byModule = new Map(indexes.map((index) => [index.module, index]));
    // With one entry point the project itself is the module.
    const project = context.project;
    const modules = project.children?.filter((c) => c.kindOf(ReflectionKind.Module)) ?? [];
    if (modules.length === 0 && indexes.length === 1) byModule.set(project.name, indexes[0]);
    for (const module of modules.length > 0 ? modules : [project]) {
      const index = byModule.get(module.name);
      if (index === undefined) {
        app.logger.warn(`${module.name}: no entry point index declares "@module ${module.name}"`);
        continue;
      }
      for (const child of module.children ?? []) {
        if (hasCategory(child)) continue;
        const category = child.isDeprecated() ? 'Deprecated' : index.categories.get(child.name);
        if (category === undefined) {
          app.logger.warn(
            `${module.name}.${child.name} has no category: export it under a "// Section" heading of ${index.path}`,
          );
          continue;
        }
        child.comment ??= new Comment();
        child.comment.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: category }]));
      }
    }
  });
}

/** An index's module name and the category of each name it exports. */
function readIndex(path) {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const module = /@module\s+(\S+)/.exec(text)?.[1];
  const categories = new Map();
  let heading;
  for (const statement of source.statements) {
    const comments = (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []).map((c) =>
      text.slice(c.pos, c.end),
    );
    const lines = comments.filter((c) => c.startsWith('//')).map((c) => c.replace(/^\/\/\s*/, ''));
    if (lines.length > 0) heading = lines.join(' ');
    if (!ts.isExportDeclaration(statement) || heading === undefined) continue;
    const deprecated = comments.some((c) => c.startsWith('/**') && c.includes('@deprecated'));
    const category = deprecated ? 'Deprecated' : heading.split(':')[0].trim();
    const clause = statement.exportClause;
    if (clause && ts.isNamedExports(clause)) {
      for (const element of clause.elements) categories.set(element.name.text, category);
    }
  }
  return { path, module, categories };
}

/** Whether a reflection (or one of its signatures) already carries a `@category` tag. */
function hasCategory(reflection) {
  const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
  return comments.some((c) => c?.blockTags.some((tag) => tag.tag === '@category'));
}
