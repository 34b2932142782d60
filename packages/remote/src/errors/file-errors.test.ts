import { formatError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import { fileNotFound, filePermissionDenied, fromErrno, pathProblem } from './file-errors.js';

describe('file errors', () => {
  it('are worded by the catalogue from their facts, in English and in Chinese', () => {
    const missing = fileNotFound('/home/alice/x', 'read');
    expect(missing.message).toBe(
      '[hpckit] read: no such file or directory: /home/alice/x. Check the path (relative paths start at the home directory) and that it was not moved.',
    );
    expect(formatError(missing, { locale: 'zh-CN', hint: false })).toBe(
      '读取：没有该文件或目录：/home/alice/x。',
    );
    const big = pathProblem('/home/alice/x', 'read', 'too_big', { size: 12, limit: 10 });
    expect(big.reason).toBe('read: /home/alice/x is too big (12 bytes, limit 10).');
    expect(big.details).toMatchObject({ reason: 'too_big', issues: [{ path: ['path'], code: 'too_big' }] });
    expect(formatError(big, { locale: 'zh-CN', hint: false })).toBe(
      '读取：/home/alice/x 太大（12 字节，上限 10）。',
    );
    const denied = filePermissionDenied('/home/bob/x', 'delete', 'alice');
    expect(formatError(denied, { locale: 'zh-CN', hint: false })).toBe(
      '用户“alice”无权删除 /home/bob/x（权限被拒绝）。',
    );
  });

  it('keep what the system said about a failure they do not recognise', () => {
    const err = fromErrno(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }), 'read', '/x', 'alice');
    expect(err).toMatchObject({
      code: 'INTERNAL',
      details: { operation: 'read /x', nativeMessage: 'EIO: i/o error' },
    });
    expect(err.reason).toContain('EIO: i/o error');
  });
});
