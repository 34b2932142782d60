import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { signalExitCode } from './transport.js';

describe('signalExitCode', () => {
  it("is 128 + the signal's number, from Node's name or SSH's (without SIG)", () => {
    expect(signalExitCode('SIGKILL')).toBe(137);
    expect(signalExitCode('KILL')).toBe(137);
    expect(signalExitCode('TERM')).toBe(143);
    expect(signalExitCode('HUP')).toBe(129);
    expect(signalExitCode('SEGV')).toBe(128 + constants.signals.SIGSEGV);
    expect(signalExitCode('SIGPIPE')).toBe(128 + constants.signals.SIGPIPE);
  });

  it('is 128 for a missing or unknown signal', () => {
    expect(signalExitCode(null)).toBe(128);
    expect(signalExitCode('NOSUCHSIGNAL')).toBe(128);
  });
});
