/** The project's test cluster settings for benchmarks (see test/support/test-cluster.ts). */
import { KNOWN_HOSTS, keyOf } from '../../test/support/test-cluster.js';

export {
  clusterUp,
  KNOWN_HOSTS,
  purgedIds,
  SSH_PORT as PORT,
  sshPerUser,
} from '../../test/support/test-cluster.js';
/** alice's SSH key. */
export const KEY = keyOf('alice');

/** OpenSSH options (`ssh`, `scp`) that log in as alice with her key and the cluster's host key. */
export const OPENSSH_OPTIONS = ['-i', KEY, '-o', `UserKnownHostsFile=${KNOWN_HOSTS}`, '-o', 'BatchMode=yes'];
