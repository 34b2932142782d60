import type { App, JobSpecInput } from '@hpckit/core';
import { renderSessionScript } from '../script/session-script.js';
import { OUTPUT_FILE } from '../session/session-layout.js';
import { type FormValues, formRequiresGpu } from './form-values.js';

/** Prefix of the job name of every session: `hpckit-app-<app id>`. */
export const SESSION_JOB_PREFIX = 'hpckit-app-';
/** Prefix of the job comment that carries the session id. */
export const SESSION_COMMENT_PREFIX = 'hpckit-session=';

/**
 * Builds the job spec of a new session from its app and validated form values; `basePath` is the
 * URL path its server is reached under (`HPCKIT_BASE_URL`, default `/`).
 */
export function sessionJobSpec(
  app: App,
  sessionId: string,
  directory: string,
  values: FormValues,
  basePath = '/',
): JobSpecInput {
  const spec: JobSpecInput = {
    name: `${SESSION_JOB_PREFIX}${app.id}`,
    comment: `${SESSION_COMMENT_PREFIX}${sessionId}`,
    script: '',
    workingDirectory: directory,
    stdout: `${directory}/${OUTPUT_FILE}`,
    timeLimit: app.timeLimit,
    ...(app.directives && { directives: app.directives }),
  };
  const scriptValues: FormValues = {};
  for (const attr of app.attributes) {
    const value = values[attr.name];
    if (value === undefined) continue;
    switch (attr.target) {
      case 'partition':
      case 'account':
      case 'qos':
        spec[attr.target] = String(value);
        break;
      case 'timeLimit':
        // A number is hours (what a form asks); text is a duration such as "90m".
        spec.timeLimit = typeof value === 'number' ? { seconds: Math.round(value * 3600) } : value;
        break;
      case 'coresPerNode':
      case 'gpusPerNode':
        spec[attr.target] = Number(value);
        break;
      case 'memoryPerNode':
        spec.memory = { perNode: typeof value === 'number' ? `${value}G` : value };
        break;
      default:
        scriptValues[attr.name] = value;
    }
  }
  if (formRequiresGpu(app, values) && !spec.gpusPerNode) spec.gpusPerNode = 1;
  spec.script = renderSessionScript({ app, sessionId, directory, values: scriptValues, basePath });
  return spec;
}
