/** Error mapping against the exact stderr Slurm 22.05 printed on the test cluster. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCommandError } from '../src/errors/map-error.js';

const stderr = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures', '22.05', `${name}.txt`), 'utf8');
const sbatch = ['sbatch', '--parsable'];

describe('mapCommandError on real sbatch refusals', () => {
  const cases: [string, string, string | undefined][] = [
    ['sbatch-invalid-partition', 'invalid_partition', undefined],
    ['sbatch-invalid-qos', 'invalid_qos', undefined],
    ['sbatch-invalid-account', 'invalid_account', undefined],
    ['sbatch-not-member', 'invalid_account', undefined],
    ['sbatch-qos-maxwall', 'time_limit_exceeds_qos', 'QOSMaxWallDurationPerJobLimit'],
    ['sbatch-partition-maxtime', 'time_limit_exceeds_partition', undefined],
    ['sbatch-too-many-gpus', 'resources_unavailable', undefined],
    // Blocks surface as submit limits; the adapter refines them with the block mechanism.
    ['sbatch-account-blocked', 'submit_limit', 'AssocGrpSubmitJobsLimit'],
    ['sbatch-user-blocked', 'submit_limit', 'AssocMaxSubmitJobLimit'],
  ];
  for (const [file, reason, native] of cases) {
    it(`${file} → ${reason}`, () => {
      const text = stderr(file);
      const err = mapCommandError({ command: sbatch, stderr: text, exitCode: 1 });
      expect(err.code).toBe('POLICY_VIOLATION');
      expect(err.details).toMatchObject({
        reason,
        nativeReason: native,
        stderr: text,
        command: sbatch,
        exitCode: 1,
      });
    });
  }

  it('a client-side option error (exit 255) is a validation error naming the option', () => {
    const err = mapCommandError({ command: sbatch, stderr: stderr('sbatch-bad-mem'), exitCode: 255 });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/Invalid --mem specification/);
  });
});

describe('mapCommandError on other commands', () => {
  it('scancel of another user job (exit 210) is PERMISSION_DENIED', () => {
    const err = mapCommandError({
      command: ['scancel', '-v', '5'],
      stderr: stderr('scancel-other-user'),
      exitCode: 210,
    });
    expect(err.code).toBe('PERMISSION_DENIED');
  });

  it('scontrol on an unknown job is NOT_FOUND, raising a running job limit PERMISSION_DENIED', () => {
    const subject = { kind: 'job', id: '987654321' };
    expect(
      mapCommandError({
        command: ['scontrol'],
        stderr: stderr('scontrol-update-unknown'),
        exitCode: 1,
        subject,
      }).code,
    ).toBe('NOT_FOUND');
    expect(
      mapCommandError({
        command: ['scontrol'],
        stderr: stderr('scontrol-raise-running'),
        exitCode: 1,
        subject,
      }).code,
    ).toBe('PERMISSION_DENIED');
  });

  it('holding a job that has finished is refused as not_permitted, with the exact stderr', () => {
    const stderr = 'Job has already finished for job 7\nslurm_suspend error: Job has already finished\n';
    const err = mapCommandError({
      command: ['scontrol', 'hold', '7'],
      stderr,
      exitCode: 1,
      subject: { kind: 'job', id: '7' },
    });
    expect(err.code).toBe('POLICY_VIOLATION');
    expect(err.details).toMatchObject({ reason: 'not_permitted', stderr });
  });

  it('a controller timeout is SCHEDULER_UNAVAILABLE and retryable', () => {
    const err = mapCommandError({
      command: ['squeue'],
      stderr: 'slurm_load_jobs error: Socket timed out on send/recv operation\n',
      exitCode: 1,
    });
    expect(err.code).toBe('SCHEDULER_UNAVAILABLE');
    expect(err.retryable).toBe(true);
  });

  it('an unrecognised failure keeps Slurm’s exact words in the message', () => {
    const err = mapCommandError({
      command: ['sacctmgr'],
      stderr: 'sacctmgr: something odd happened\n',
      exitCode: 1,
    });
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain('sacctmgr: something odd happened');
  });
});
