/**
 * Core's sites that kept English, or lost a fact, in a Chinese message: a hidden job's hint, a
 * number that is Infinity, and the mock's refusal to raise a running job's time limit. Each is
 * read through the public API in both languages; the Chinese keeps no English sentence.
 */
import { mockAdapter } from '@hpckit/adapter-mock';
import { createClient, formatError, type HpckitError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { englishIn } from './support/english-in.js';

async function refusal(call: () => Promise<unknown>): Promise<[string, string, HpckitError]> {
  const err = (await call().then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e,
  )) as HpckitError;
  const zh = formatError(err, { locale: 'zh-CN' });
  expect(englishIn(zh), zh).toBeUndefined();
  return [formatError(err), zh, err];
}

const client = () => createClient({ clusters: { hpc: { adapter: mockAdapter() } } });

describe("core's messages in Chinese", () => {
  it('words a job another user cannot see, with the way out, in both languages', async () => {
    const c = client();
    const job = await c
      .as('alice')
      .jobs.submit({ command: 'sleep 1h', account: 'electroplating', partition: 'cpu' });
    const [en, zh, err] = await refusal(() => c.as('bob').jobs.get(job.id));
    expect(err.code).toBe('NOT_FOUND');
    expect(en).toBe(
      `Job "${job.id}" was not found. Check the job id: you see your own jobs and those charged to accounts you administer.`,
    );
    expect(zh).toBe(
      `未找到作业“${job.id}”。请检查作业编号：你能看到自己的作业，以及记在你管理的账户上的作业。`,
    );
    // An unknown id reads exactly the same: the words tell nothing of other users' jobs.
    const [unknownEn, unknownZh] = await refusal(() => c.as('bob').jobs.get('999999'));
    expect(unknownEn).toBe(en.replace(job.id, '999999'));
    expect(unknownZh).toBe(zh.replace(job.id, '999999'));
  });

  it.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'says a number must be finite (%s)',
    async (n) => {
      const [en, zh] = await refusal(() => client().as('alice').jobs.list({ limit: n }));
      expect(en).toContain(`"limit": Invalid input: expected a finite number, received ${n}`);
      expect(zh).toContain('"limit"：应为有限的数字，实际为无穷大');
      expect(zh).not.toContain('应为数字，实际为数字');
    },
  );

  it("words an access source's failure in both languages, quoting its own words", async () => {
    const c = createClient({
      clusters: { hpc: { adapter: mockAdapter() } },
      access: {
        roles: () => {
          throw new Error('db down');
        },
      },
    });
    const [en, zh, err] = await refusal(() => c.as('bob').jobs.list());
    expect(err.code).toBe('INTERNAL');
    expect(en).toBe(
      'The access source failed to give the roles of user "bob": db down. Check the client\'s `access` option: its roles() must resolve to { platform?, adminOf? }.',
    );
    expect(zh).toBe(
      '访问来源未能给出用户“bob”的角色：db down。请检查客户端的 `access` 选项：它的 roles() 必须解析为 { platform?, adminOf? }。',
    );
  });
});
