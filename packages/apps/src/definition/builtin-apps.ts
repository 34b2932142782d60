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
    '  --NotebookApp.password= --notebook-dir="$HOME"',
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
    '  --ServerApp.password= --ServerApp.root_dir="$HOME"',
  ].join('\n'),
  connect: {
    path: '/lab',
    query: { token: '{{password}}' },
    headers: { Authorization: 'token {{password}}' },
    readyPath: '/api',
  },
});

/**
 * A generic web server: runs the user's own command, which must listen on `$HPCKIT_PORT` and
 * should check `$HPCKIT_PASSWORD` (sent as the `Authorization: Bearer` header by the proxy).
 */
export const webServer: App = defineApp({
  id: 'web-server',
  name: 'Web server',
  description: 'Any HTTP server you start yourself; it must listen on $HPCKIT_PORT.',
  kind: 'web',
  attributes: [
    ...commonAttributes,
    {
      name: 'command',
      label: 'Command',
      type: 'text',
      defaultValue: 'python3 -m http.server "$HPCKIT_PORT" --bind 0.0.0.0',
      help: 'Runs in your job with bash; use $HPCKIT_PORT and $HPCKIT_PASSWORD.',
    },
  ],
  // The command is the user's own, run in their own job, like any batch script they submit.
  script: 'exec bash -c "$HPCKIT_FORM_COMMAND"',
  connect: { path: '/', headers: { Authorization: 'Bearer {{password}}' } },
});

/** The apps every registry starts with. */
export const BUILTIN_APPS: readonly App[] = [jupyterNotebook, jupyterLab, webServer];
