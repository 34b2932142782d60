/**
 * Where session files live, relative to the user's home: `~/.hpckit/apps/<app>/<session>/`, with
 * `connection.json` (host, port, secret), `session.json` (what was submitted) and `output.log`
 * (the job's output). The directories are 0700, which is what keeps other users out: Slurm
 * creates `output.log` with the submitter's umask before the script's umask 077 applies (the
 * script then makes it 0600).
 */
export const APPS_DIRECTORY = '.hpckit/apps';
/** File the job writes once it knows its host, port and token. */
export const CONNECTION_FILE = 'connection.json';
/** File the SDK writes at creation: app, form values, job id. */
export const SESSION_FILE = 'session.json';
/** The job's standard output and error. */
export const OUTPUT_FILE = 'output.log';
/** The last submitted form values of an app, one file per app. */
export const LAST_FORM_FILE = 'last-form.json';

/** The directory of one app's sessions. */
export function appDirectory(home: string, appId: string, baseDir = APPS_DIRECTORY): string {
  return `${home.replace(/\/+$/, '')}/${baseDir}/${appId}`;
}

/** The directory of one session. */
export function sessionDirectory(
  home: string,
  appId: string,
  sessionId: string,
  baseDir = APPS_DIRECTORY,
): string {
  return `${appDirectory(home, appId, baseDir)}/${sessionId}`;
}
