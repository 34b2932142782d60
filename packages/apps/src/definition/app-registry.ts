import { AlreadyExistsError, type App, type AppInput, NotFoundError } from '@hpckit/core';
import { defineApp } from './app-definition.js';
import { BUILTIN_APPS } from './builtin-apps.js';

/** The apps a portal offers: the built-ins plus the site's and users' own. */
export interface AppRegistry {
  /** Every app, in registration order. */
  list(): App[];
  /** One app. @throws `NOT_FOUND` naming the known ids. */
  get(id: string): App;
  /** Adds an app. @throws `VALIDATION`; `ALREADY_EXISTS` unless `replace` is set. */
  add(app: AppInput, options?: { replace?: boolean }): App;
}

/**
 * Creates an app registry.
 *
 * @example
 * ```ts
 * const apps = createAppRegistry();
 * apps.add({ id: 'code-server', name: 'VS Code', kind: 'web', script: 'exec code-server --bind-addr 0.0.0.0:$HPCKIT_PORT', connect: { path: '/' } });
 * ```
 */
export function createAppRegistry(options: { builtins?: boolean; apps?: AppInput[] } = {}): AppRegistry {
  const apps = new Map<string, App>();
  if (options.builtins !== false) for (const app of BUILTIN_APPS) apps.set(app.id, app);
  const registry: AppRegistry = {
    list: () => [...apps.values()],
    get(id) {
      const app = apps.get(id);
      if (app) return app;
      throw new NotFoundError({
        details: { kind: 'app', id, reason: 'unregistered_app', known: [...apps.keys()] },
      });
    },
    add(input, o) {
      const app = defineApp(input);
      if (apps.has(app.id) && !o?.replace) {
        throw new AlreadyExistsError({ details: { kind: 'app', id: app.id, reason: 'app_registered' } });
      }
      apps.set(app.id, app);
      return app;
    },
  };
  for (const app of options.apps ?? []) registry.add(app);
  return registry;
}
