import type { App } from '@hpckit/core';
import type { FormValues } from '../form/form-values.js';
import { CONNECTION_FILE } from '../session/session-layout.js';
import { shellQuote } from './shell-quote.js';

/** What {@link renderSessionScript} needs. */
export interface SessionScriptInput {
  app: App;
  sessionId: string;
  /** Absolute session directory. */
  directory: string;
  values: FormValues;
}

/** Name of the variable that carries a form value into the app's script. */
export const formVariable = (name: string): string => `HPCKIT_FORM_${name.toUpperCase()}`;

// Probes loopback with bash's /dev/tcp so no python or ss is needed on the node; the port is
// taken at random so two sessions on one node rarely race for the same one.
const FREE_PORT = `hpckit_free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( (RANDOM * 32768 + RANDOM) % 40000 + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
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
 * Renders the batch script of a session: private umask, free port, one-time token, the connection
 * file (written atomically, mode 0600), then the app's own script. Form values are exported as
 * single-quoted variables, never spliced into commands.
 */
export function renderSessionScript({ app, sessionId, directory, values }: SessionScriptInput): string {
  const exports = Object.entries(values).map(
    ([k, v]) => `export ${formVariable(k)}=${shellQuote(String(v))}`,
  );
  return [
    '#!/bin/bash',
    `# hpckit app session: app ${app.id}, session ${sessionId}`,
    'umask 077',
    `export HPCKIT_SESSION_DIR=${shellQuote(directory)}`,
    `export HPCKIT_SESSION_ID=${shellQuote(sessionId)}`,
    'mkdir -p "$HPCKIT_SESSION_DIR" && cd "$HPCKIT_SESSION_DIR" || { echo "hpckit: cannot enter $HPCKIT_SESSION_DIR" >&2; exit 1; }',
    'export HPCKIT_HOST="$(hostname)"',
    FREE_PORT,
    'HPCKIT_PORT=$(hpckit_free_port) || { echo "hpckit: no free port found" >&2; exit 1; }',
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
