import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes.js';
import {
  AlreadyExistsError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  ValidationError,
} from './hpckit-error.js';
import { HTTP_STATUS, httpStatusOf } from './http-status.js';

const CALLER_FAULTS = ['VALIDATION', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'POLICY_VIOLATION'];

describe('httpStatusOf', () => {
  it('gives every code a status: 4xx for what the caller got wrong, 5xx for the rest', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const status = HTTP_STATUS[code];
      if (CALLER_FAULTS.includes(code)) expect(status, code).toBeGreaterThanOrEqual(400);
      else expect(status, code).toBeGreaterThanOrEqual(500);
      expect(status, code).toBeLessThan(CALLER_FAULTS.includes(code) ? 500 : 600);
    }
  });

  it("maps the file system's typed errors, and anything untyped to 500", () => {
    expect(httpStatusOf(new NotFoundError({ details: { kind: 'file', id: '/home/a/x' } }))).toBe(404);
    expect(httpStatusOf(new AlreadyExistsError({ details: { kind: 'file', id: '/home/a/x' } }))).toBe(409);
    expect(httpStatusOf(new PermissionError({ details: { action: 'read /root/x' } }))).toBe(403);
    expect(httpStatusOf(new ValidationError({ details: { subject: 'path', issues: [] } }))).toBe(400);
    expect(httpStatusOf(new TimeoutError({ details: { operation: 'open', timeoutMs: 1 } }))).toBe(504);
    for (const other of [new Error('bug'), 'text', undefined, { code: 'NOT_FOUND' }])
      expect(httpStatusOf(other)).toBe(500);
  });
});
