import { parseSlurmMemory } from './slurm-values.js';

/** Resource counts read from a TRES string. */
export interface TresCounts {
  cpu?: number;
  memoryMiB?: number;
  nodes?: number;
  gpus?: number;
  billing?: number;
}

/**
 * Parses a TRES list (`billing=2,cpu=2,gres/gpu=1,mem=2G,node=1`) into counts. GPUs are the sum of
 * `gres/gpu` and typed `gres/gpu:<model>` entries, taking the untyped total when both are present.
 */
export function parseTres(text: string): TresCounts {
  const counts: TresCounts = {};
  let typedGpus = 0;
  for (const item of text.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 'mem') counts.memoryMiB = parseSlurmMemory(value);
    else if (key === 'cpu') counts.cpu = toInt(value);
    else if (key === 'node') counts.nodes = toInt(value);
    else if (key === 'billing') counts.billing = toInt(value);
    else if (key === 'gres/gpu') counts.gpus = toInt(value);
    else if (key.startsWith('gres/gpu:')) typedGpus += toInt(value) ?? 0;
  }
  if (counts.gpus === undefined && typedGpus > 0) counts.gpus = typedGpus;
  return counts;
}

/**
 * Reads a GPU count from squeue's `tres-per-node` / `tres-per-job` (`gres:gpu:2`, `gres/gpu:a100:2`,
 * `gpu:2`, several comma-separated entries); 0 when none.
 */
export function gpusFromGres(text: string): number {
  let total = 0;
  for (const item of text.split(',')) {
    const m = /^(?:gres[:/])?gpu(?::[^:=]+)?[:=](\d+)(?:\(.*\))?$/.exec(item.trim());
    if (m) total += Number(m[1]);
  }
  return total;
}

function toInt(value: string): number | undefined {
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
