/**
 * The user guide's JupyterLab form: the built-in JupyterLab with one more field, the user's own
 * conda environment, activated before the server starts. `extendApp` adds the field and the
 * script prelude; the rest (partition, hours, cores, the token, the connection) is the built-in's.
 *
 * Runs on the mock scheduler, with the simulated server of `mockAppHarness` playing the node:
 *   npx tsx --conditions=@hpckit/source examples/jupyter-conda.ts
 * On a cluster, pass the same app to `createAppRegistry({ apps: [jupyterLabConda] })` as in
 * examples/jupyter.ts. `packages/apps/test/jupyter-conda-example.test.ts` runs it.
 */
import { pathToFileURL } from 'node:url';
import { mockAdapter } from '@hpckit/adapter-mock';
import {
  createAppRegistry,
  createAppSessions,
  extendApp,
  formJsonSchema,
  jupyterLab,
  mockAppHarness,
  sessionJobSpec,
  validateForm,
} from '@hpckit/apps';
import { createClient } from '@hpckit/core';

/**
 * JupyterLab in the user's conda environment. The name reaches the script only as the quoted
 * variable `$HPCKIT_FORM_CONDA_ENV`, so any text a user types is a name for conda, never a command.
 */
export const jupyterLabConda = extendApp(jupyterLab, {
  id: 'jupyter-lab-conda',
  name: 'JupyterLab (conda)',
  description: 'JupyterLab in one of your conda environments.',
  attributes: [
    {
      name: 'conda_env',
      label: 'Conda environment',
      type: 'text',
      required: false,
      help: 'One of your environments (`conda env list`), with jupyterlab installed; empty: the default Python.',
    },
    // The guide's form allows up to 32 cores.
    { name: 'cores', max: 32 },
  ],
  scriptPrelude: [
    'if [ -n "$HPCKIT_FORM_CONDA_ENV" ]; then',
    '  command -v conda >/dev/null 2>&1 || { echo "hpckit: conda is not on PATH on $(hostname): load its module in ~/.bashrc" >&2; exit 1; }',
    '  eval "$(conda shell.bash hook)" && conda activate "$HPCKIT_FORM_CONDA_ENV" ||',
    '    { echo "hpckit: cannot activate the conda environment $HPCKIT_FORM_CONDA_ENV" >&2; exit 1; }',
    'fi',
  ].join('\n'),
});

/** What the scenario saw. */
export interface JupyterCondaOutcome {
  /** The form's fields, as a portal renders them. */
  fields: string[];
  /** The session's batch script (the conda environment is exported quoted). */
  script: string;
  /** HTTP status of the ready server, reached with the session's headers. */
  status: number;
}

/** Starts a session of {@link jupyterLabConda} for alice on the mock and connects to it. */
export async function jupyterCondaScenario(
  print: (line: string) => void = () => undefined,
): Promise<JupyterCondaOutcome> {
  const adapter = mockAdapter({ clock: { mode: 'scaled', scale: 60 } });
  const root = createClient({ clusters: { hpc: { adapter } } });
  const alice = root.as('alice');
  const registry = createAppRegistry({ apps: [jupyterLabConda] });
  const harness = mockAppHarness({ client: alice, adapter, registry, intervalMs: 20 });
  const sessions = createAppSessions({ client: alice, files: harness.files, registry, readyIntervalMs: 20 });
  try {
    const fields = Object.keys((formJsonSchema(jupyterLabConda) as { properties: object }).properties);
    print(`form fields: ${fields.join(', ')}`);
    const form = { partition: 'cpu', hours: 2, cores: 8, conda_env: 'torch-2.3' };
    const { script } = sessionJobSpec(
      jupyterLabConda,
      'preview',
      '/home/alice/s',
      validateForm(jupyterLabConda, form),
    );
    const session = await sessions.create('jupyter-lab-conda', form);
    const { connection } = await sessions.waitReady(session, { timeoutMs: 20_000 });
    const status = (await fetch(`${connection.origin}/api/status`, { headers: connection.headers })).status;
    print(`session ${session.id}: job ${session.jobId}, server answered ${status}`);
    await sessions.cancel(session);
    return { fields, script: script ?? '', status };
  } finally {
    await harness.close();
    await root.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = await jupyterCondaScenario(console.log);
  console.log(outcome.script.split('\n').find((line) => line.includes('HPCKIT_FORM_CONDA_ENV=')));
}
