import { z } from 'zod';
import { appRules } from '../errors/app-rules.js';

/**
 * A path-prefix template for a portal's proxy, `/` or e.g. `/apps/{{session}}/proxy/`: starts and
 * ends with `/`, URL-safe characters and `{{session}}` only (it reaches the job script and
 * Jupyter's `base_url`, so nothing in it needs quoting or escaping).
 */
export const BasePathSchema = z.string().superRefine((p, ctx) => {
  const form = /^\/(?:(?:[A-Za-z0-9._~-]|\{\{session\}\})+\/)*$/.test(p);
  // "." and ".." segments: a URL would collapse them, and the path would no longer be the one set.
  if (!form || /\/\.{1,2}\//.test(p))
    ctx.addIssue(appRules.issue('base_path_form', { value: p.slice(0, 200) }));
});

/** The base path of one session: the template with `{{session}}` filled. */
export const sessionBasePath = (template: string, sessionId: string): string =>
  template.replaceAll('{{session}}', sessionId);

/** A path of the app (`/lab`, `/api`) under a session's base path (`/apps/x/proxy/lab`). */
export const underBasePath = (basePath: string, path: string): string =>
  `${basePath}${path.replace(/^\/+/, '')}`;
