import type { App, AppInput } from '@hpckit/core';
import { defineApp } from './app-definition.js';

const partitionAttribute = {
  name: 'partition',
  label: 'Partition',
  type: 'select',
  defaultValue: 'cpu',
  target: 'partition',
  options: [
    { value: 'cpu', label: 'CPU nodes' },
    { value: 'gpu', label: 'GPU nodes (one GPU)', requiresGpu: true },
    { value: 'fat', label: 'Large-memory nodes' },
  ],
} as const satisfies AppInput['attributes'] extends (infer A)[] | undefined ? A : never;

const commonAttributes = [
  partitionAttribute,
  { name: 'account', label: 'Account', type: 'text', required: false, target: 'account' },
  { name: 'hours', label: 'Hours', type: 'number', defaultValue: 1, min: 1, max: 48, target: 'timeLimit' },
  {
    name: 'cores',
    label: 'CPU cores',
    type: 'number',
    defaultValue: 2,
    min: 1,
    max: 64,
    target: 'coresPerNode',
  },
] satisfies AppInput['attributes'];

// The token goes through JUPYTER_TOKEN, not the command line, where `ps` on the node would show it.
const jupyterEnv =
  'export JUPYTER_TOKEN="$HPCKIT_PASSWORD" JUPYTER_RUNTIME_DIR="$HPCKIT_SESSION_DIR/runtime"';

/** Jupyter Notebook (Debian's `jupyter-notebook` 6.x), token-authenticated. */
export const jupyterNotebook: App = defineApp({
  id: 'jupyter-notebook',
  name: 'Jupyter Notebook',
  description: 'The classic Jupyter Notebook server on a compute node.',
  kind: 'web',
  attributes: commonAttributes,
  script: [
    jupyterEnv,
    'exec jupyter-notebook --no-browser --ip=0.0.0.0 --port="$HPCKIT_PORT" --port-retries=0 \\',
    '  --NotebookApp.password= --notebook-dir="$HOME" --NotebookApp.base_url="$HPCKIT_BASE_URL"',
  ].join('\n'),
  connect: {
    path: '/tree',
    query: { token: '{{password}}' },
    headers: { Authorization: 'token {{password}}' },
    readyPath: '/api',
  },
});

/** JupyterLab (`jupyter lab`, Jupyter Server 2), token-authenticated. */
export const jupyterLab: App = defineApp({
  id: 'jupyter-lab',
  name: 'JupyterLab',
  description: 'JupyterLab on a compute node; needs `jupyter lab` on the nodes (pip or a module).',
  kind: 'web',
  attributes: commonAttributes,
  script: [
    jupyterEnv,
    'exec jupyter lab --no-browser --ip=0.0.0.0 --port="$HPCKIT_PORT" --port-retries=0 \\',
    '  --ServerApp.password= --ServerApp.root_dir="$HOME" --ServerApp.base_url="$HPCKIT_BASE_URL"',
  ].join('\n'),
  connect: {
    path: '/lab',
    query: { token: '{{password}}' },
    headers: { Authorization: 'token {{password}}' },
    readyPath: '/api',
  },
});

/**
 * The built-in file server of `web-server`, run by `python3 -` from a quoted heredoc (nothing is
 * spliced into it; it reads its settings from the environment). Every request needs the session
 * token, as `Authorization: Bearer …` or `token …` (what a proxy adds), as `?token=` (the
 * connection URL; answered with a cookie so the pages' links work), or as that cookie; else 403.
 * It serves one directory and never a file inside the sessions' base directory (where every
 * session's `connection.json` lives), except in this session's own `public/`; symlinks are
 * followed only to targets inside the served directory.
 */
const FILE_SERVER = String.raw`exec python3 - <<'HPCKIT_FILE_SERVER'
import hmac, os, sys
from functools import partial
from http.cookies import CookieError, SimpleCookie
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SECRET = os.environ["HPCKIT_PASSWORD"]
PORT = int(os.environ["HPCKIT_PORT"])
COOKIE = "hpckit-token-%d" % PORT
SESSION = os.path.realpath(os.environ["HPCKIT_SESSION_DIR"])
# Sessions live in <base>/<app id>/<session id>; the base holds every session's connection.json.
BASE = os.path.dirname(os.path.dirname(SESSION))
PUBLIC = os.path.join(SESSION, "public")
# Behind a portal's proxy the server is reached under this path.
URL_BASE = os.environ.get("HPCKIT_BASE_URL", "/")
wanted = os.environ.get("HPCKIT_FORM_DIRECTORY", "")
if not wanted:
    os.makedirs(PUBLIC, exist_ok=True)
ROOT = os.path.realpath(os.path.join(os.path.expanduser("~"), wanted) if wanted else PUBLIC)
if not os.path.isdir(ROOT):
    sys.exit("hpckit: cannot serve %s: not a directory" % ROOT)


def inside(path, top):
    return path == top or path.startswith(top.rstrip("/") + "/")


def servable(path):
    real = os.path.realpath(path)
    return inside(real, ROOT) and (not inside(real, BASE) or inside(real, PUBLIC))


class Handler(SimpleHTTPRequestHandler):
    def offered(self):
        scheme, _, value = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() in ("bearer", "token"):
            yield value.strip(), False
        for value in parse_qs(urlsplit(self.path).query).get("token", []):
            yield value, True
        try:
            morsel = SimpleCookie(self.headers.get("Cookie", "")).get(COOKIE)
        except CookieError:
            morsel = None
        if morsel is not None:
            yield morsel.value, False

    def allowed(self):
        self.hpckit_set_cookie = False
        for value, from_query in self.offered():
            if hmac.compare_digest(value.encode(), SECRET.encode()):
                self.hpckit_set_cookie = from_query
                return True
        self.send_error(403, "this server needs the session token")
        return False

    def do_GET(self):
        if self.allowed() and self.found():
            super().do_GET()

    def do_HEAD(self):
        if self.allowed() and self.found():
            super().do_HEAD()

    def translate_path(self, path):
        return super().translate_path("/" + path[len(URL_BASE):] if path.startswith(URL_BASE) else path)

    def found(self):
        if self.path.startswith(URL_BASE) and servable(self.translate_path(self.path)):
            return True
        self.send_error(404)
        return False

    def end_headers(self):
        if getattr(self, "hpckit_set_cookie", False):
            self.send_header("Set-Cookie", "%s=%s; Path=/; HttpOnly; SameSite=Strict" % (COOKIE, SECRET))
        super().end_headers()

    def log_message(self, format, *args):
        # output.log must not collect the token of a ?token= request line.
        line = (format % args).replace(SECRET, "<token>")
        sys.stderr.write("%s - [%s] %s\n" % (self.address_string(), self.log_date_time_string(), line))


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("0.0.0.0", PORT), partial(Handler, directory=ROOT)).serve_forever()
HPCKIT_FILE_SERVER`;

/**
 * A web server on a compute node: by default a token-checking file server (python3's
 * `http.server`) for one directory; or the user's own command, which must listen on
 * `$HPCKIT_PORT` and should accept only requests carrying `$HPCKIT_PASSWORD` (the proxy sends
 * `Authorization: Bearer <secret>`).
 */
export const webServer: App = defineApp({
  id: 'web-server',
  name: 'Web server',
  description:
    'Serves a directory to you alone (the session token is needed), or runs an HTTP server you start yourself on $HPCKIT_PORT.',
  kind: 'web',
  attributes: [
    ...commonAttributes,
    {
      name: 'directory',
      label: 'Directory',
      type: 'text',
      required: false,
      help: 'Served read-only, relative to your home; empty: an empty "public" directory in the session directory. Session files are never served.',
    },
    {
      name: 'command',
      label: 'Command',
      type: 'text',
      required: false,
      help: 'Your own server instead of the file server: runs in your job with bash, must listen on $HPCKIT_PORT and should refuse requests without $HPCKIT_PASSWORD.',
    },
  ],
  // The command is the user's own, run in their own job, like any batch script they submit.
  script: [
    'if [ -n "$HPCKIT_FORM_COMMAND" ]; then exec bash -c "$HPCKIT_FORM_COMMAND"; fi',
    FILE_SERVER,
  ].join('\n'),
  connect: {
    path: '/',
    query: { token: '{{password}}' },
    headers: { Authorization: 'Bearer {{password}}' },
  },
});

/** The apps every registry starts with. */
export const BUILTIN_APPS: readonly App[] = [jupyterNotebook, jupyterLab, webServer];
