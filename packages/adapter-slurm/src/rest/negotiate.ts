import { fail } from '../errors/slurm-errors.js';
import type { RestClient } from './client.js';
import type { RestCodec } from './codecs.js';

/**
 * The plugin versions a slurmrestd serves, from the paths of its OpenAPI document
 * (`/slurm/v0.0.38/…`), newest first.
 */
function servedVersions(paths: readonly string[]): string[] {
  const versions = new Set<string>();
  for (const path of paths) {
    const m = /^\/slurm\/(v\d+\.\d+\.\d+)\//.exec(path);
    if (m) versions.add(m[1]!);
  }
  return [...versions].sort(byVersion).reverse();
}

/** Compares `v0.0.38`-style versions numerically. */
function byVersion(a: string, b: string): number {
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest of `codecs` a slurmrestd serving `served` also speaks; a typed error naming both lists if none. */
function pickCodec(served: readonly string[], codecs: readonly RestCodec[]): RestCodec {
  const offered = new Set(served);
  const common = [...codecs]
    .sort((a, b) => byVersion(b.version, a.version))
    .find((c) => offered.has(c.version));
  if (common) return common;
  throw fail.unsupported({
    details: {
      capability: 'slurmrestd',
      reason: 'no_common_version',
      offered: [...served],
      spoken: codecs.map((c) => c.version),
    },
  });
}

/**
 * Reads slurmrestd's OpenAPI document once and picks the newest version both sides speak, and the
 * Slurm release that answered.
 */
export async function negotiateVersion(
  client: RestClient,
  codecs: readonly RestCodec[],
  signal?: AbortSignal,
): Promise<{ codec: RestCodec; release: string }> {
  const doc = await client.send({ method: 'GET', path: '/openapi', signal, program: 'slurmrestd' });
  const codec = pickCodec(servedVersions(Object.keys((doc.paths ?? {}) as object)), codecs);
  const ping = await client.send({
    method: 'GET',
    path: `/slurm/${codec.version}/ping`,
    signal,
    program: 'scontrol',
  });
  const release = ping.meta?.Slurm?.release ?? ping.meta?.slurm?.release ?? 'unknown';
  return { codec, release };
}
