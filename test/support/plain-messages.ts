/**
 * Finds validation texts written as plain string literals in source: the English that
 * `formatError(err, { locale: 'zh-CN' })` cannot word in Chinese, because no rule and no facts
 * travel with it. A text a rule words (`ruleError`, `rules.error(…)`) is a call, not a literal, so
 * it is never found.
 */
import ts from 'typescript';

/** One plain-English validation text: where it is and how it is written. */
export interface PlainMessage {
  line: number;
  text: string;
}

// zod checks whose only argument may be the message: `.int('must be whole')`.
const MESSAGE_FIRST = new Set([
  'int',
  'positive',
  'nonnegative',
  'negative',
  'nonpositive',
  'nonempty',
  'finite',
  'safe',
]);
// zod checks (and `z.custom`) that take a value or a function first and the message second.
const MESSAGE_SECOND = new Set([
  'min',
  'max',
  'length',
  'gt',
  'gte',
  'lt',
  'lte',
  'multipleOf',
  'regex',
  'startsWith',
  'endsWith',
  'refine',
  'custom',
  'array',
  'union',
  'object',
  'strictObject',
  'enum',
  'literal',
]);

// Of those, the names other objects use too: only a `z.…` call counts.
const Z_ONLY = new Set(['custom', 'array', 'union', 'object', 'strictObject', 'enum', 'literal']);

const isText = (node: ts.Node | undefined): boolean =>
  node !== undefined &&
  (ts.isStringLiteral(node) || ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node));

/** The texts given as a message literal: `'…'` or `{ message: '…' }` / `{ error: '…' }`. */
function messageLiteral(arg: ts.Expression | undefined): ts.Node | undefined {
  if (arg === undefined) return undefined;
  if (isText(arg)) return arg;
  if (!ts.isObjectLiteralExpression(arg)) return undefined;
  for (const p of arg.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
    if ((p.name.text === 'message' || p.name.text === 'error') && isText(p.initializer)) return p.initializer;
  }
  return undefined;
}

/** Whether a call's receiver is zod: `z.x(…)` or a chain that starts at `z`. */
function onZod(expr: ts.Expression): boolean {
  let e: ts.Expression = expr;
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) && e.text === 'z';
}

/** A parsed source file, the texts found in it, and how to record one. */
function scan(fileName: string, source: string) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: PlainMessage[] = [];
  const report = (node: ts.Node) =>
    found.push({
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      text: node.getText(file),
    });
  return { file, found, report };
}

/**
 * Every plain-string validation text in one source file: messages of zod checks on a `z…` chain,
 * `ctx.addIssue({ message: '…' })`, and validation issues built as `{ path, message: '…' }`.
 */
export function plainMessages(fileName: string, source: string): PlainMessage[] {
  const { file, found, report } = scan(fileName, source);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const args = node.arguments;
      if (name === 'addIssue') {
        const text = messageLiteral(args[0]);
        if (text) report(text);
      } else if (!Z_ONLY.has(name) || onZod(node.expression.expression)) {
        const candidates = MESSAGE_FIRST.has(name)
          ? [args[0]]
          : MESSAGE_SECOND.has(name)
            ? args.slice(1)
            : [];
        for (const arg of candidates) {
          const text = messageLiteral(arg);
          if (text) report(text);
        }
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      const names = node.properties.flatMap((p) =>
        ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? [p.name.getText(file)] : [],
      );
      const message = node.properties.find(
        (p): p is ts.PropertyAssignment =>
          ts.isPropertyAssignment(p) && p.name.getText(file) === 'message' && isText(p.initializer),
      );
      // `{ path, message: '…' }` is a validation issue; addIssue's own argument is reported above.
      const inAddIssue =
        ts.isCallExpression(node.parent) &&
        ts.isPropertyAccessExpression(node.parent.expression) &&
        node.parent.expression.name.text === 'addIssue';
      if (message && names.includes('path') && !inAddIssue) report(message.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// Helpers that put their argument into an error's message as the subject or the text.
const NAMING_CALLS = new Set([
  'parseInput',
  'timeoutMsOf',
  'invalid',
  'moneyToDecimal',
  'toDecimal',
  'checkScale',
  'checkLedgerRange',
]);

/** Text with a word in it, not a rule name (`job_not_ended`) or a code. */
const isWording = (node: ts.Node, file: ts.SourceFile): boolean =>
  isText(node) && /[A-Za-z]+[\s-]+[A-Za-z]/.test(node.getText(file));

/** The constructor's name for `new XError(…)`, or a `fail.permission(…)`-style factory. */
function errorBuilder(call: ts.Node): boolean {
  if (ts.isNewExpression(call)) return /Error$/.test(call.expression.getText());
  if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression))
    return /^(fail|errors?)$/.test(call.expression.expression.getText());
  return false;
}

/**
 * Texts an error shows in one language only: an error's `message` or `hint` written as a literal
 * with no `translations` beside it, a `subject:` written as text in its details, and a literal
 * name given to a helper that puts it into a message (`parseInput(…, 'job spec')`,
 * `moneyToDecimal(v, c, 'year total')`). Each must come from a rule table or a named subject, so
 * `formatError(err, { locale: 'zh-CN' })` can word it.
 */
export function untranslatedTexts(fileName: string, source: string): PlainMessage[] {
  const { file, found, report } = scan(fileName, source);
  const property = (o: ts.ObjectLiteralExpression, name: string) =>
    o.properties.find(
      (p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment =>
        (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText(file) === name,
    );
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node) && errorBuilder(node.parent) && !property(node, 'translations')) {
      for (const name of ['message', 'hint']) {
        const p = property(node, name);
        if (p && ts.isPropertyAssignment(p) && isWording(p.initializer, file)) report(p.initializer);
      }
    }
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(file) === 'subject' &&
      isWording(node.initializer, file)
    )
      report(node.initializer);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (NAMING_CALLS.has(name)) for (const arg of node.arguments) if (isWording(arg, file)) report(arg);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
