import { type App, type AppInput, parseInput, ValidationError } from '@hpckit/core';
import { z } from 'zod';
import { defineApp } from './app-definition.js';
import { appRules } from '../errors/app-rules.js';

type AttributeInput = NonNullable<AppInput['attributes']>[number];

/**
 * A change to one form attribute of the app being extended, by `name`: the fields given replace
 * the base attribute's (`{ name: 'cores', max: 128 }`), or, for a name the base does not have, a
 * whole new attribute.
 */
export type AppAttributeExtension = Partial<AttributeInput> & { name: string };

/**
 * What {@link extendApp} changes in an app: every field optional but `id`, each replacing the
 * base's, except `attributes` (changed or added by name), `directives` and `connect` (merged key by
 * key), and `scriptPrelude` (runs before the base's script).
 */
export interface AppExtension {
  /**
   * Id of the new app. A variant gets its own id so a registry and the sessions' directories keep
   * it apart from the base; to replace a built-in, give the built-in's id and add it with
   * `registry.add(app, { replace: true })`.
   */
  id: string;
  /** Display name. @defaultValue the base's */
  name?: string;
  /** Description shown beside the name. @defaultValue the base's */
  description?: string;
  /** Time limit when no attribute sets one, e.g. `'8h'`. @defaultValue the base's */
  timeLimit?: AppInput['timeLimit'];
  /** Raw scheduler directives, merged over the base's (a key given here wins). */
  directives?: AppInput['directives'];
  /** Ports the server may listen on. @defaultValue the base's */
  portRange?: AppInput['portRange'];
  /** Attributes changed (same name as one of the base's) or added (a new name, at the end). */
  attributes?: AppAttributeExtension[];
  /** Names of the base's attributes to leave out of the form. */
  removeAttributes?: string[];
  /**
   * Bash run before the base's script, in the same shell: load a module, activate an environment,
   * export a variable. It reads the form's values as `$HPCKIT_FORM_<NAME>`, never spliced in.
   */
  scriptPrelude?: string;
  /** A whole new script instead of the base's (the prelude still runs first). */
  script?: string;
  /** How to connect, merged field by field over the base's. */
  connect?: Partial<AppInput['connect']>;
}

const LooseObject = z.record(z.string(), z.unknown());

/** The shape of an {@link AppExtension}; {@link defineApp} checks the app it makes, field by field. */
const AppExtensionSchema = z.strictObject({
  id: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  timeLimit: z.unknown().optional(),
  directives: LooseObject.optional(),
  portRange: z.unknown().optional(),
  attributes: z.array(z.looseObject({ name: z.string() })).optional(),
  removeAttributes: z.array(z.string()).optional(),
  scriptPrelude: z
    .string()
    .trim()
    .min(1, { error: appRules.error('prelude_empty') })
    .optional(),
  script: z.string().optional(),
  connect: LooseObject.optional(),
});

/**
 * A new app made from another (a built-in such as `jupyterLab`, or one of the site's): its form
 * with attributes added, changed or removed, a prelude before its script, and any field replaced.
 * The result is plain data like the built-ins, checked by {@link defineApp} as a whole.
 *
 * @throws `VALIDATION` at `extension.…` for a bad extension (an attribute to remove that the base
 * lacks, an empty prelude) and at `app.…` for an app that would not be valid.
 * @example
 * ```ts
 * const lab = extendApp(jupyterLab, {
 *   id: 'jupyter-lab-big',
 *   name: 'JupyterLab (up to 128 cores)',
 *   attributes: [{ name: 'cores', max: 128 }],
 * });
 * ```
 */
export function extendApp(base: App, extension: AppExtension): App {
  const ext = parseInput(AppExtensionSchema, extension, appRules.subject('app_extension'), ['extension']);
  const { attributes = [], removeAttributes = [], scriptPrelude, script, connect, directives } = ext;
  const names = new Set(base.attributes.map((a) => a.name));
  const unknown = removeAttributes.flatMap((name, i) =>
    names.has(name)
      ? []
      : [
          appRules.validationIssue(['extension', 'removeAttributes', i], 'not_an_attribute', {
            value: name,
            names: [...names],
          }),
        ],
  );
  if (unknown.length > 0)
    throw new ValidationError({ details: { ...appRules.subject('app_extension'), issues: unknown } });

  const changes = new Map(attributes.map((a) => [a.name, a]));
  const removed = new Set(removeAttributes);
  const kept = base.attributes
    .filter((a) => !removed.has(a.name))
    .map((a) => ({ ...a, ...changes.get(a.name) }) as AttributeInput);
  const added = attributes.filter((a) => !names.has(a.name)) as AttributeInput[];
  const body = (script ?? base.script).trimEnd();
  const merged: AppInput = {
    ...base,
    id: ext.id,
    ...(ext.name === undefined ? {} : { name: ext.name }),
    ...(ext.description === undefined ? {} : { description: ext.description }),
    ...(ext.timeLimit === undefined ? {} : { timeLimit: ext.timeLimit as AppInput['timeLimit'] }),
    ...(ext.portRange === undefined ? {} : { portRange: ext.portRange as AppInput['portRange'] }),
    directives:
      directives === undefined
        ? base.directives
        : ({ ...base.directives, ...directives } as AppInput['directives']),
    attributes: [...kept, ...added],
    script: scriptPrelude === undefined ? body : `${scriptPrelude.trimEnd()}\n${body}`,
    connect: { ...base.connect, ...(connect as Partial<AppInput['connect']>) },
  };
  if (merged.directives === undefined) delete merged.directives;
  return defineApp(merged);
}
