/**
 * `npm run portal`: the reference portal on embedded defaults — the mock scheduler (its clock ten
 * virtual minutes a second) and a fresh SQLite ledger, seeded. Prints the URL and the users to
 * sign in as. PORT chooses the port (default 3000).
 *
 * `npm run portal -- --config portal.yaml` (or HPCKIT_PORTAL_CONFIG=portal.yaml): the site of that
 * config file instead (a Slurm cluster over SSH, PostgreSQL; see the README), listening where its
 * `portal:` section says. A mistake in the file is printed at its file:line:col, and the portal
 * exits 2.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatConfigError } from '@hpckit/site';
import { listenPortal } from './listen.js';
import { openEmbedded } from './open-embedded.js';
import { openFromConfig } from './open-config.js';

const onSyncError = (err: unknown) => process.stderr.write(`portal: sync failed, retrying: ${err}\n`);
const { values } = parseArgs({ options: { config: { type: 'string' } } });
const configFile = values.config ?? process.env.HPCKIT_PORTAL_CONFIG;

async function open() {
  if (configFile === undefined) {
    const site = await openEmbedded({ onSyncError });
    const port = Number(process.env.PORT ?? 3000);
    return {
      site,
      listen: { host: '127.0.0.1', port },
      about: 'mock scheduler, SQLite',
      signIn: `${site.users.join(', ')} (dave administers the account catalysis)`,
    };
  }
  const file = resolve(configFile);
  try {
    const site = await openFromConfig(file, { onSyncError });
    return {
      site,
      listen: site.portal.listen,
      about: `${site.services.cluster}, from ${file}; development sign-in, unsafe beyond a test site`,
      signIn: site.users.join(', '),
    };
  } catch (err) {
    const words = formatConfigError(err, { file });
    if (!words) throw err;
    process.stderr.write(words);
    process.exit(2);
  }
}

const { site, listen, about, signIn } = await open();
const portal = await listenPortal(site.services, listen);
process.stdout.write(`hpckit portal on ${portal.url}/ (${about})\nsign in as: ${signIn}\n`);
const stop = () => {
  portal
    .close()
    .then(() => site.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
