import { appRules } from '../errors/app-rules.js';
import { type App, AppPortRangeSchema, parseInput, shellQuote } from '@hpckit/core';
import type { FormValues } from '../form/form-values.js';
import { CONNECTION_FILE, OUTPUT_FILE } from '../session/session-layout.js';

/** What {@link renderSessionScript} needs. */
export interface SessionScriptInput {
  app: App;
  sessionId: string;
  /** Absolute session directory. */
  directory: string;
  values: FormValues;
  /**
   * The URL path the session's server is reached under, exported as `HPCKIT_BASE_URL` (the
   * built-in Jupyter apps pass it as `base_url`): a portal's proxy prefix such as
   * `/apps/<session>/proxy/`. @default '/'
   */
  basePath?: string;
}

/** Name of the variable that carries a form value into the app's script. */
const formVariable = (name: string): string => `HPCKIT_FORM_${name.toUpperCase()}`;

/**
 * Bash functions `hpckit_port_free PORT` and `hpckit_free_port MIN MAX`. Servers bind 0.0.0.0,
 * which fails if any socket of the node holds the port, on whatever address: a connect probe to
 * 127.0.0.1 misses a server on the node's own address or on [::], so the sockets are read from
 * /proc/net/tcp{,6} (Linux, no extra tools), else tried with a bind by python3. The port is taken
 * at random in MIN–MAX (the app's `portRange`, outside which a portal refuses to proxy) so two
 * sessions on one node rarely race for the same one.
 */
export const FREE_PORT_FUNCTIONS = `hpckit_port_free() {
  local p=$1 f local_address
  if [ -r /proc/net/tcp ]; then
    for f in /proc/net/tcp /proc/net/tcp6; do
      [ -r "$f" ] || continue
      # Each line after the header: "sl local_address(hex ip:hex port) rem_address state …".
      { read -r _; while read -r _ local_address _; do
        [ "$(( 16#\${local_address##*:} ))" -eq "$p" ] && return 1
      done; } < "$f"
    done
    return 0
  fi
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket, sys; socket.socket().bind(("0.0.0.0", int(sys.argv[1])))' "$p" 2>/dev/null
    return
  fi
  echo "hpckit: cannot check free ports (need /proc/net/tcp or python3)" >&2
  return 2
}
hpckit_free_port() {
  local min=$1 max=$2 p r
  for _ in $(seq 1 200); do
    p=$(( (RANDOM * 32768 + RANDOM) % (max - min + 1) + min ))
    hpckit_port_free "$p"; r=$?
    [ "$r" -eq 0 ] && { echo "$p"; return 0; }
    [ "$r" -eq 2 ] && return 1
  done
  return 1
}`;

// A 256-bit token from openssl, or python's secrets module where openssl is missing.
const TOKEN = `if command -v openssl >/dev/null 2>&1; then
  HPCKIT_PASSWORD=$(openssl rand -hex 32)
else
  HPCKIT_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
fi
if [ "\${#HPCKIT_PASSWORD}" -ne 64 ]; then echo "hpckit: could not generate the session token (need openssl or python3)" >&2; exit 1; fi`;

/**
 * Renders the batch script of a session: private umask, `output.log` made 0600, free port in the
 * app's `portRange` (on every address, as servers bind 0.0.0.0), one-time token, the connection
 * file (written atomically, mode 0600), then the app's own script. Form values are exported as
 * single-quoted variables, never spliced into commands.
 *
 * @throws `VALIDATION` at `app.portRange` if the app did not come through `defineApp`
 * and its port range is not two whole numbers.
 */
export function renderSessionScript({
  app,
  sessionId,
  directory,
  values,
  basePath = '/',
}: SessionScriptInput): string {
  // Spliced into the script as numbers: checked again for an app that bypassed defineApp.
  const ports = parseInput(AppPortRangeSchema, app.portRange, appRules.subject('app'), ['app', 'portRange']);
  const exports = Object.entries(values).map(
    ([k, v]) => `export ${formVariable(k)}=${shellQuote(String(v))}`,
  );
  return [
    '#!/bin/bash',
    `# hpckit app session: app ${app.id}, session ${sessionId}`,
    'umask 077',
    `export HPCKIT_SESSION_DIR=${shellQuote(directory)}`,
    `export HPCKIT_SESSION_ID=${shellQuote(sessionId)}`,
    `export HPCKIT_BASE_URL=${shellQuote(basePath)}`,
    'mkdir -p "$HPCKIT_SESSION_DIR" && cd "$HPCKIT_SESSION_DIR" || { echo "hpckit: cannot enter $HPCKIT_SESSION_DIR" >&2; exit 1; }',
    // Slurm created the log before this script ran, with the submitter's umask (often 0644): the
    // 0700 directory keeps others out, and this makes the file itself private too.
    `chmod 600 ${OUTPUT_FILE} 2>/dev/null`,
    'export HPCKIT_HOST="$(hostname)"',
    FREE_PORT_FUNCTIONS,
    `HPCKIT_PORT=$(hpckit_free_port ${ports.min} ${ports.max}) || { echo "hpckit: no free port found in ${ports.min}-${ports.max}" >&2; exit 1; }`,
    'export HPCKIT_PORT',
    TOKEN,
    'export HPCKIT_PASSWORD',
    ...exports,
    `printf '{"host":"%s","port":%d,"secret":"%s","jobId":"%s"}\\n' "$HPCKIT_HOST" "$HPCKIT_PORT" "$HPCKIT_PASSWORD" "\${SLURM_JOB_ID:-}" > ${CONNECTION_FILE}.tmp`,
    `mv -f ${CONNECTION_FILE}.tmp ${CONNECTION_FILE}`,
    `# app ${app.id}: start the server in the foreground`,
    app.script.trimEnd(),
    '',
  ].join('\n');
}
