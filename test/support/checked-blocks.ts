/**
 * Every ```ts block of the documents and of the TSDoc `@example` tags, and each one's compiler
 * errors, from one compiler program (the rules are in test/doc-blocks.test.ts).
 */
import { basename, dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { checkVirtualFiles, readExports, type VirtualFile } from './check-blocks.js';
import {
  type CodeBlock,
  documentFiles,
  markdownBlocks,
  packageSources,
  root,
  tsdocExamples,
} from './doc-blocks.js';
import { entryPoints } from './entry-points.js';

/** The variables a TSDoc example may use without declaring them, and their types. */
const CONTEXT: Record<string, string> = {
  client: "import('@hpckit/core').HpckitClient",
  adapter: "import('@hpckit/adapter-mock').MockAdapter",
  spec: "import('@hpckit/core').JobSpecInput",
  job: "import('@hpckit/core').Job",
  handle: "import('@hpckit/core').JobHandle",
  handles: "import('@hpckit/core').JobHandle[]",
  err: 'unknown',
  ledger: "import('@hpckit/billing/ledger').Ledger",
  store: "import('@hpckit/billing/ledger').LedgerStore",
  admin: "import('@hpckit/billing/ledger').ActorInput",
  pricer: "import('@hpckit/billing/ledger').Pricer",
  engine: "import('@hpckit/billing').PricingEngine",
  policy: "import('@hpckit/billing').ResourcePolicyEngine",
  balance: "import('@hpckit/core').Money",
  previousTable: "import('@hpckit/billing').PriceTableInput",
  nextTable: "import('@hpckit/billing').PriceTableInput",
  staff: 'ReadonlySet<string>',
  directory:
    "{ platformRolesOf(user: string): import('@hpckit/billing/ledger').PlatformRole[]; accountsAdministeredBy(user: string): Promise<string[]> }",
  transport: "import('@hpckit/transport').SshTransport",
  files: "import('@hpckit/remote').FileSystem",
  sessions: "import('@hpckit/apps').AppSessions",
  session: "import('@hpckit/core').AppSession",
  req: "import('node:http').IncomingMessage",
  socket: '{ send(data: Buffer): void; on(event: "message", listener: (data: string) => void): void }',
};

/** The ```ts blocks of the documents. */
export const documentBlocks = documentFiles().flatMap(markdownBlocks);
/** The ```ts blocks of the TSDoc `@example` tags. */
export const exampleBlocks = packageSources().flatMap(tsdocExamples);

const entries = entryPoints();
const documented = [...new Set(exampleBlocks.map((block) => block.file))];
const { exports, program } = readExports([...entries.map((entry) => entry.source), ...documented]);

/** Where a block pretends to live: documents' blocks at the root, examples beside their module. */
function virtualPath(block: CodeBlock): string {
  const line = block.where.split(':').at(-1);
  if (block.file.endsWith('.md')) {
    return join(root, `.doc-block-${relative(root, block.file).replace(/[^A-Za-z0-9]+/g, '-')}-${line}.ts`);
  }
  return join(dirname(block.file), `${basename(block.file, '.ts')}.example-${line}.ts`);
}

/** The names a block imports or declares at its top level. */
function ownNames(code: string): Set<string> {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, false);
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The package folder (`packages/<name>`) a file belongs to. */
const packageOf = (file: string) => relative(join(root, 'packages'), file).split('/')[0];

/**
 * The lines put above a TSDoc example: imports of the names in scope of its module that it does
 * not declare itself, and declarations of the context variables it uses.
 */
function examplePrelude(block: CodeBlock): string[] {
  const taken = ownNames(block.code);
  const sources: [string, string][] = [
    [block.file, `./${basename(block.file, '.ts')}.js`],
    ...entries
      .filter((entry) => packageOf(entry.source) === packageOf(block.file))
      .map((entry): [string, string] => [entry.source, entry.specifier]),
    ...entries
      .filter((entry) => packageOf(entry.source) !== packageOf(block.file))
      .map((entry): [string, string] => [entry.source, entry.specifier]),
  ];
  const lines: string[] = [];
  for (const [source, specifier] of sources) {
    const found = exports.get(source);
    if (found === undefined) continue;
    const names = [
      ...found.values.filter((name) => !taken.has(name)),
      ...found.types.filter((name) => !taken.has(name)).map((name) => `type ${name}`),
    ];
    for (const name of [...found.values, ...found.types]) taken.add(name);
    if (names.length > 0) lines.push(`import { ${names.join(', ')} } from '${specifier}';`);
  }
  for (const [name, type] of Object.entries(CONTEXT)) {
    if (!taken.has(name)) lines.push(`declare const ${name}: ${type};`);
  }
  return lines;
}

/** The file the compiler reads for a block. */
function virtualFile(block: CodeBlock, isExample: boolean): VirtualFile {
  const prelude = isExample ? examplePrelude(block) : [];
  return {
    path: virtualPath(block),
    text: [...prelude, block.code].join('\n'),
    preludeLines: prelude.length,
  };
}

const checked = [...documentBlocks, ...exampleBlocks].filter((block) => block.kind !== 'fragment');
const virtualFiles = new Map(
  checked.map((block) => [block, virtualFile(block, !block.file.endsWith('.md'))] as const),
);
const diagnostics = checkVirtualFiles([...virtualFiles.values()], program);

/** The compiler's errors for one block, or a note that it was not checked. */
export const errorsOf = (block: CodeBlock) =>
  diagnostics.get(virtualFiles.get(block)?.path ?? '') ?? ['the block was not type-checked'];
