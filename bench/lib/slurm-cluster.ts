/** The project's test cluster settings for benchmarks (see test/support/test-cluster.ts). */
import { keyOf } from '../../test/support/test-cluster.js';

export {
  clusterUp,
  KNOWN_HOSTS,
  keyOf,
  SSH_PORT as PORT,
  STATE,
  sshPerUser,
} from '../../test/support/test-cluster.js';
/** alice's SSH key. */
export const KEY = keyOf('alice');
