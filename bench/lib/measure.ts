/**
 * Minimal measurement helpers for `npm run bench`. The machines are shared and noisy, so every
 * benchmark prints a baseline measured in the same run and the ratio to it; absolute figures are
 * for orientation only.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Wall and CPU time of one run of `fn`, and the memory peak it ran under. */
export interface Measurement {
  wallMs: number;
  /**
   * CPU of this process and of the programs it ran and waited for (a baseline's `scp`, `ssh`),
   * user + system.
   */
  cpuMs: number;
  /**
   * This process's peak resident memory so far, read after the run (getrusage's maxrss): it
   * covers the run, and whatever ran before it in the same process.
   */
  peakMiB: number;
}

// Children's CPU (cutime, cstime) in clock ticks, from /proc/self/stat (after the command name,
// which may hold spaces, in parentheses); 0 where there is no /proc.
const TICK_MS = 10;
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Runs `fn` once and measures wall-clock and CPU (user + system) time and the memory peak. */
export async function measure(fn: () => unknown | Promise<unknown>): Promise<Measurement> {
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpuMs();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000 + childrenCpuMs() - children0,
    peakMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** A measurement's figures for {@link report}: wall ms, CPU ms, peak MiB. */
export function figures(m: Measurement): Record<string, number> {
  return { 'wall ms': m.wallMs, 'cpu ms': m.cpuMs, 'peak MiB': m.peakMiB };
}

/** Runs `fn` `runs` times (after one warm-up) and returns the median measurement by wall time. */
export async function median(runs: number, fn: () => unknown | Promise<unknown>): Promise<Measurement> {
  await fn();
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure(fn));
  results.sort((a, b) => a.wallMs - b.wallMs);
  return results[Math.floor(results.length / 2)]!;
}

/** Prints one benchmark line: a name, figures, and (optionally) the ratio to the baseline. */
export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`);
  console.log(`  ${name.padEnd(44)} ${parts.join('  ')}`);
}

/** Prints a section heading. */
export function section(title: string): void {
  console.log(`\n${title}`);
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

/**
 * CPU (user + system) of this process and of the children it has waited for (the scheduler
 * commands a local transport runs), in milliseconds since the process started.
 */
export function processTreeCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000 + childrenCpuMs();
}

/** The peak resident memory of this process so far (VmHWM), in MiB. */
export function peakRssMiB(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}
