/**
 * The real sshd of scripts/slurm-cluster/up.sh (127.0.0.1:2222) for the SFTP and shell integration
 * tests, from the shared test/support/test-cluster.ts.
 */
import { existsSync } from 'node:fs';
import { KNOWN_HOSTS, keyOf } from '../../../test/support/test-cluster.js';

export {
  sshPerUser as perUserTransport,
  sshServiceAccount as sudoTransport,
} from '../../../test/support/test-cluster.js';

/** Fails (never skips) when the sshd keys are missing: a silent skip would hide an untested run. */
export function assertSshdUp(): void {
  if (!existsSync(KNOWN_HOSTS) || !existsSync(keyOf('alice'))) {
    throw new Error(
      `the test cluster's sshd is not set up (${KNOWN_HOSTS} missing); run scripts/slurm-cluster/up.sh`,
    );
  }
}
