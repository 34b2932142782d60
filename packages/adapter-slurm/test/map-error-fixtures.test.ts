/** Error mapping against the exact stderr Slurm 22.05 printed on the test cluster. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatError, registeredIssueRules, type ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { mapCommandError, policyError } from '../src/errors/map-error.js';

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
    ['sbatch-too-many-nodes', 'resources_unavailable', undefined],
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

  it("an unknown directive is refused by sbatch, without getopt's pointer to --help", () => {
    const text = 'sbatch: unrecognized option \'--foo=x\'\nTry "sbatch --help" for more information\n';
    const err = mapCommandError({
      command: ['/opt/slurm/bin/sbatch', '--foo=x'],
      stderr: text,
      exitCode: 255,
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain(
      "sbatch refused an option before contacting the controller: sbatch: unrecognized option '--foo=x'.",
    );
    expect(err.message).not.toContain('--help');
  });

  it("frames sbatch's refusal of an option in Chinese and quotes its stderr verbatim", () => {
    const text = "sbatch: unrecognized option '--foo=x'\n";
    const err = mapCommandError({
      command: ['sbatch', '--foo=x'],
      stderr: text,
      exitCode: 255,
    }) as ValidationError;
    expect(formatError(err, { locale: 'zh-CN', hint: false })).toBe(
      "sbatch 在联系控制器之前拒绝了一个选项：sbatch: unrecognized option '--foo=x'。",
    );
    const [issue] = err.details.issues;
    expect(issue?.facts).toEqual({
      rule: 'slurm.sbatch_refused_option',
      value: "sbatch: unrecognized option '--foo=x'",
    });
    const zh = registeredIssueRules().get('slurm')?.['zh-CN'].sbatch_refused_option?.(issue!.facts!);
    expect([issue?.message, zh]).toEqual([
      "sbatch refused an option: sbatch: unrecognized option '--foo=x'",
      "sbatch 拒绝了一个选项：sbatch: unrecognized option '--foo=x'",
    ]);
  });

  it("an unmatched sbatch refusal is a policy violation that keeps all of Slurm's words", () => {
    const text =
      'sbatch: error: Some new limit code\nsbatch: error: Batch job submission failed: Something only a newer Slurm says\n';
    const err = mapCommandError({ command: sbatch, stderr: text, exitCode: 1 });
    expect(err.code).toBe('POLICY_VIOLATION');
    expect(err.details).toMatchObject({ reason: 'other', stderr: text });
    expect(err.message).toContain(
      'Some new limit code / Batch job submission failed: Something only a newer Slurm says',
    );
  });

  it("sbatch output that is not Slurm's refusal is INTERNAL with the whole stderr", () => {
    const text = "env: 'sbatch': No such file or directory\n";
    const err = mapCommandError({ command: sbatch, stderr: text, exitCode: 127 });
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain(text.trim());
    expect(err.details).toMatchObject({ stderr: text, exitCode: 127 });
  });
});

describe('mapCommandError on a failed user switch (actAs)', () => {
  const programs = [sbatch, ['squeue', '-h'], ['scancel', '-v', '5'], ['scontrol', 'hold', '5']];

  it('a missing NOPASSWD rule is PERMISSION_DENIED with a sudoers hint, for every program', () => {
    for (const command of programs) {
      const text = 'sudo: a password is required\n';
      const err = mapCommandError({
        command,
        stderr: text,
        exitCode: 1,
        user: 'alice',
        subject: { kind: 'job', id: '5' },
      });
      expect(err.code).toBe('PERMISSION_DENIED');
      expect(err.details).toMatchObject({
        action: `run ${command[0]} as "alice" through sudo`,
        stderr: text,
        exitCode: 1,
      });
      expect(err.message).toContain('sudo: a password is required');
      expect(err.hint).toMatch(/NOPASSWD sudoers rule/);
      expect(err.retryable).toBe(false);
    }
    const denied = mapCommandError({
      command: sbatch,
      stderr:
        "Sorry, user portal is not allowed to execute '/usr/bin/env SLURM_TIME_FORMAT=%s sbatch --parsable' as alice on vm.\n",
      exitCode: 1,
      user: 'alice',
    });
    expect(denied.code).toBe('PERMISSION_DENIED');
  });

  it('su run by anyone but root is PERMISSION_DENIED saying su needs root', () => {
    const err = mapCommandError({
      command: ['squeue'],
      stderr: 'Password: su: Authentication failure\n',
      exitCode: 1,
      user: 'bob',
    });
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.hint).toMatch(/root/);
  });

  it('an unknown user is NOT_FOUND naming the user', () => {
    const err = mapCommandError({
      command: ['squeue'],
      stderr: 'sudo: unknown user nosuch\nsudo: error initializing audit plugin sudoers_audit\n',
      exitCode: 1,
      user: 'nosuch',
    });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.details).toMatchObject({ kind: 'user', id: 'nosuch' });
  });

  it("a warning of sudo or su before the command ran leaves Slurm's refusal as it was", () => {
    const text = `sudo: unable to resolve host vm: Name or service not known\n${stderr('sbatch-invalid-qos')}`;
    const err = mapCommandError({ command: sbatch, stderr: text, exitCode: 1, user: 'alice' });
    expect(err.details).toMatchObject({ reason: 'invalid_qos' });
    const su = `su: warning: cannot change directory to /home/alice: No such file or directory\n${stderr('sbatch-invalid-qos')}`;
    expect(
      mapCommandError({ command: sbatch, stderr: su, exitCode: 1, user: 'alice' }).details,
    ).toMatchObject({
      reason: 'invalid_qos',
    });
  });
});

describe('mapCommandError on other commands', () => {
  it('scancel of another user job (exit 210) is PERMISSION_DENIED, its message without the progress line', () => {
    const err = mapCommandError({
      command: ['scancel', '-v', '5'],
      stderr: stderr('scancel-other-user'),
      exitCode: 210,
    });
    expect(err.code).toBe('PERMISSION_DENIED');
    expect(err.message).toContain(
      'Slurm refused scancel: Kill job error on job id 88: Access/permission denied',
    );
    expect(err.message).not.toContain('Terminating job');
    expect(err.details).toMatchObject({ stderr: stderr('scancel-other-user') });
  });

  it('another program refusing an option (exit 255) is INTERNAL naming that program, not sbatch', () => {
    const text = "squeue: unrecognized option '--Format'\n";
    const err = mapCommandError({ command: ['squeue', '--Format=x'], stderr: text, exitCode: 255 });
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain(
      "squeue refused an option hpckit passed: squeue: unrecognized option '--Format'",
    );
    expect(err.message).not.toContain('sbatch');
    expect(err.details).toMatchObject({ operation: 'squeue', stderr: text, exitCode: 255 });
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

describe("the most common real refusals, in the user's language", () => {
  const HAN = /\p{Script=Han}/u;
  const violates =
    "Batch job submission failed: Job violates accounting/QOS policy (job submit limit, user's size and/or time limits)";
  // Each error as the adapter raises it from the stderr Slurm printed; English as before, and
  // Chinese from the same facts, quoting Slurm's own words.
  const cases: [string, () => ReturnType<typeof mapCommandError>, string, string][] = [
    [
      'an invalid account',
      () => mapCommandError({ command: sbatch, stderr: stderr('sbatch-invalid-account'), exitCode: 1 }),
      'Slurm refused the job (invalid_account): Batch job submission failed: Invalid account or account/partition combination specified. Use an account the user belongs to (accounts.list({ user })), or ask its manager to add them.',
      'Slurm 拒绝了该作业（invalid_account）：Batch job submission failed: Invalid account or account/partition combination specified。请使用用户所属的账户（accounts.list({ user })），或请账户管理员将其加入。',
    ],
    [
      'a QoS time limit',
      () => mapCommandError({ command: sbatch, stderr: stderr('sbatch-qos-maxwall'), exitCode: 1 }),
      `Slurm refused the job (QOSMaxWallDurationPerJobLimit): QOSMaxWallDurationPerJobLimit / ${violates}. Lower the time limit to the QoS's maximum wall time, or choose a QoS that allows longer jobs.`,
      `Slurm 拒绝了该作业（QOSMaxWallDurationPerJobLimit）：QOSMaxWallDurationPerJobLimit / ${violates}。请将运行时间上限降到该 QoS 允许的最大运行时间以内，或选择允许更长作业的 QoS。`,
    ],
    [
      'a blocked account',
      () =>
        policyError(
          'account_blocked',
          'AssocGrpSubmitJobsLimit',
          { command: sbatch, stderr: stderr('sbatch-account-blocked'), exitCode: 1 },
          'chem',
        ),
      `Slurm refused the job (AssocGrpSubmitJobsLimit): AssocGrpSubmitJobsLimit / ${violates}. The account is blocked (often for lack of funds); ask its manager to unblock it.`,
      `Slurm 拒绝了该作业（AssocGrpSubmitJobsLimit）：AssocGrpSubmitJobsLimit / ${violates}。该账户已被封锁（通常是因为余额不足），请联系账户管理员解封。`,
    ],
    [
      'a node configuration that is not available',
      () => mapCommandError({ command: sbatch, stderr: stderr('sbatch-too-many-gpus'), exitCode: 1 }),
      'Slurm refused the job (resources_unavailable): Batch job submission failed: Requested node configuration is not available. Ask for fewer cores, GPUs or less memory than one node of the partition has.',
      'Slurm 拒绝了该作业（resources_unavailable）：Batch job submission failed: Requested node configuration is not available。请申请少于该分区单个节点所拥有的核数、GPU 或内存。',
    ],
    [
      'an unknown job',
      () =>
        mapCommandError({
          command: ['scancel', '-v', '987654321'],
          stderr: stderr('scancel-unknown'),
          exitCode: 1,
          subject: { kind: 'job', id: '987654321' },
        }),
      'Job "987654321" was not found (scancel: Kill job error on job id 987654321: Invalid job id specified). Check the job name or id, and that it belongs to this cluster.',
      '未找到作业“987654321”（scancel：Kill job error on job id 987654321: Invalid job id specified）。请检查名称或编号，以及它是否属于该集群。',
    ],
    [
      'a refused sudo',
      () =>
        mapCommandError({
          command: ['sudo', '-n', '-u', 'alice', '--', 'env', 'SLURM_TIME_FORMAT=%s', 'sbatch', '--parsable'],
          stderr: 'sudo: a password is required\n',
          exitCode: 1,
          user: 'alice',
        }),
      'The transport\'s identity may not run sbatch as "alice" through sudo: sudo: a password is required. Give the service account a NOPASSWD sudoers rule for the Slurm commands as "alice", with requiretty off (sudo runs with -n and never prompts); see "Acting for many users" in the Slurm guide.',
      '传输层的身份无法通过 sudo 以“alice”的身份运行 sbatch：sudo: a password is required。请为服务账户配置 sudoers NOPASSWD 规则，允许其以“alice”的身份运行 Slurm 命令，并关闭 requiretty（sudo 以 -n 运行，从不提示输入密码）；参见 Slurm 指南中的“Acting for many users”。',
    ],
  ];

  for (const [what, raise, english, chinese] of cases) {
    it(`${what}: zh-CN is Chinese, English names the same facts`, () => {
      const err = raise();
      expect(err.message).toBe(`[hpckit] [slurm] ${english}`);
      expect(formatError(err)).toBe(english);
      const zh = formatError(err, { locale: 'zh-CN' });
      expect(zh).toBe(chinese);
      expect(zh).toMatch(HAN);
      // Slurm's own words stay whole in the details, whatever the language of the message.
      expect(err.details).toHaveProperty('stderr');
    });
  }
});
