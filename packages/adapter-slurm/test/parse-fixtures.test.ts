/**
 * Parsers against real output captured from the Slurm 22.05 test cluster
 * (scripts/slurm-cluster/capture-fixtures.sh). Facts asserted here are what the capture script
 * submitted: a job that exits 3, one killed by a signal, a GPU job, a held job, an array, etc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterConfigSchema, JobSchema } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { parseSacct } from '../src/parse/sacct.js';
import { onlyUnknownNodes, parseNodeAddresses } from '../src/parse/node-addresses.js';
import { parseAssociations, parseQos } from '../src/parse/sacctmgr.js';
import { parseConfig, parseNodes, parsePartitions } from '../src/parse/scontrol-partitions.js';
import { parseSqueue } from '../src/parse/squeue.js';

const DIR = join(import.meta.dirname, 'fixtures', '22.05');
const D = '\x1fFX\x1f';
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');

describe('squeue fixture (jobs in every live state, plus some that just ended)', () => {
  const jobs = parseSqueue(fixture('squeue-mixed.txt'), D, 'local').map((j) => j.job);
  const byName = (name: string) => jobs.filter((j) => j.name === name);

  it('yields schema-valid jobs', () => {
    expect(jobs.length).toBeGreaterThan(10);
    for (const job of jobs) JobSchema.parse(job);
  });

  it('reads a job name with quotes, a newline, non-ASCII and a pipe intact', () => {
    expect(jobs.map((j) => j.name)).toContain('we|ird "q" \'s\nline ü 名前');
  });

  it('decodes the wait status into exit code and signal', () => {
    expect(byName('fx-fail')[0]!.state).toMatchObject({ phase: 'ended', outcome: 'failed', exitCode: 3 });
    expect(byName('fx-signal')[0]!.state).toMatchObject({ outcome: 'failed', signal: 9 });
    expect(byName('fx-cancel')[0]!.state.outcome).toBe('cancelled');
  });

  it('reads held, dependency-pending and running jobs', () => {
    expect(byName('fx-held')[0]!.state).toMatchObject({ phase: 'held', reason: 'JobHeldUser' });
    expect(byName('fx-dep')[0]!.state).toMatchObject({ phase: 'queued', reason: 'Dependency' });
    const running = byName('fx-running')[0]!;
    expect(running.state.phase).toBe('running');
    expect(running.nodeList).toEqual(['localhost']);
    expect(running.endTime).toBeUndefined();
  });

  it('expands array tasks with their array id and index', () => {
    const tasks = byName('fx-array');
    expect(tasks.map((t) => t.arrayTaskId).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(tasks.map((t) => t.arrayJobId)).size).toBe(1);
    expect(tasks.find((t) => t.arrayTaskId === 2)!.state.reason).toBe('JobArrayTaskLimit');
  });

  it('reads GPUs and strips nothing from the comment', () => {
    const gpu = byName('fx-gpu')[0]!;
    expect(gpu.requested.gpus).toBe(2);
    expect(gpu.allocated?.gpus).toBe(2);
    expect(gpu.partition).toBe('gpu');
    expect(byName('fx-ok')[0]!.comment).toBe('hpckit:key-1 my note');
  });
});

describe('sacct fixtures', () => {
  const jobs = parseSacct(fixture('sacct-ended.txt'), D, 'local');
  const byName = (name: string) => jobs.filter((j) => j.job.name === name).map((j) => j.job);

  it('yields schema-valid, settled jobs', () => {
    for (const j of jobs) {
      JobSchema.parse(j.job);
      expect(j.settled).toBe(true);
    }
  });

  it('keeps each outcome, the exit code and the signal', () => {
    expect(byName('fx-ok')[0]!.state).toMatchObject({ outcome: 'completed', exitCode: 0 });
    expect(byName('fx-fail')[0]!.state).toMatchObject({ outcome: 'failed', exitCode: 3 });
    expect(byName('fx-signal')[0]!.state).toMatchObject({ outcome: 'failed', signal: 9 });
    expect(byName('fx-cancel')[0]!.state).toMatchObject({ outcome: 'cancelled', raw: 'CANCELLED by 2001' });
  });

  it('reads GPUs from TRES and leaves never-started jobs without allocation or start', () => {
    const gpu = byName('fx-gpu')[0]!;
    expect(gpu.requested.gpus).toBe(2);
    expect(gpu.allocated?.gpus).toBe(2);
    const held = byName('fx-held')[0]!;
    expect(held.startTime).toBeUndefined();
    expect(held.allocated).toBeUndefined();
    expect(held.nodeList).toEqual([]);
  });

  it('reads array tasks and elapsed/time limit from the raw fields', () => {
    const tasks = byName('fx-array');
    expect(tasks).toHaveLength(6);
    expect(tasks.every((t) => t.arrayJobId === tasks[0]!.arrayJobId && t.timeLimitSeconds === 300)).toBe(
      true,
    );
    expect(byName('fx-ok')[0]!.elapsedSeconds).toBeGreaterThanOrEqual(1);
  });

  it('reads a timeout', () => {
    const [timeout] = parseSacct(fixture('sacct-timeout.txt'), D, 'local');
    expect(timeout!.job.state).toMatchObject({ phase: 'ended', outcome: 'timeout' });
  });

  it('marks the first, incomplete record of a just-ended job as unsettled', () => {
    const [row] = parseSacct(fixture('sacct-unsettled.txt'), D, 'local');
    expect(row!.settled).toBe(false);
    expect(row!.job.name).toBe('allocation');
  });
});

describe('discovery fixtures', () => {
  it('builds partitions with per-node shape, limits and defaults', () => {
    const nodes = parseNodes(fixture('scontrol-nodes.txt'));
    expect(nodes).toEqual([
      { name: 'localhost', cores: 64, memoryMiB: 512_000, gpus: 8, state: expect.any(String) },
    ]);
    const partitions = parsePartitions(fixture('scontrol-partitions.txt'), nodes);
    expect(partitions.map((p) => p.name)).toEqual(['cpu', 'gpu', 'fat']);
    const [cpu, , fat] = partitions;
    expect(cpu).toMatchObject({
      isDefault: true,
      maxTimeSeconds: 7 * 86_400,
      defaultTimeSeconds: 3600,
      up: true,
    });
    expect(fat!.defaultMemoryPerCoreMiB).toBe(8192);
    ClusterConfigSchema.parse({ name: 'local', partitions, qos: [] });
  });

  it('reads the host name and address of named nodes, skipping an unknown name', () => {
    const output = fixture('scontrol-node-named.txt');
    // The test cluster's node is "localhost" to Slurm while the machine's hostname is "vm".
    expect(parseNodeAddresses(output)).toEqual([
      { name: 'localhost', hostname: 'localhost', address: '127.0.0.1' },
    ]);
    expect(onlyUnknownNodes(output, '')).toBe(true);
    expect(onlyUnknownNodes(output, 'slurm_load_node error: Unable to contact slurm controller')).toBe(false);
  });

  it('reads QoS limits, associations and the cluster config', () => {
    expect(parseQos(fixture('sacctmgr-qos.txt'))).toEqual([
      { name: 'normal', priority: 50, maxWallSeconds: 2 * 86_400 },
      { name: 'long', priority: 25, maxWallSeconds: 4 * 86_400 },
    ]);
    const assoc = parseAssociations(fixture('sacctmgr-assoc.txt'));
    expect(assoc.find((a) => a.account === 'ai4ec' && a.user === 'bob')).toMatchObject({
      qos: ['long', 'normal'],
      defaultQos: 'normal',
    });
    expect(assoc.some((a) => a.account === 'electroplating' && a.user === 'bob')).toBe(false);
    expect(parseConfig(fixture('scontrol-config.txt'))).toEqual({ clusterName: 'local', version: '22.05.8' });
  });
});
