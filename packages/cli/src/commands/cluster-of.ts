import { type OpenCluster, openCluster } from '@hpckit/site';
import type { CommandEnv } from './env.js';

/**
 * The cluster a command runs on (`--cluster`), acting as `as` (default: `--as`), closed when the
 * command ends.
 */
export function clusterOf(env: CommandEnv, as: string | undefined = env.options.as): OpenCluster {
  const open = openCluster(env.config().config, env.options.cluster, as);
  env.onClose(() => open.close());
  return open;
}
