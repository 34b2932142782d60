import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { ValidationError } from '@hpckit/core';
import { describe, expect, it } from 'vitest';
import type { ShellExit } from './open-shell.js';
import {
  bridgeTerminal,
  type TerminalFrame,
  type TerminalShell,
  type TerminalSocket,
} from './terminal-bridge.js';

/** The server end of a WebSocket, recording what the bridge sends. */
class FakeSocket extends EventEmitter implements TerminalSocket {
  sent: (string | Uint8Array)[] = [];
  closed = 0;
  send(data: string | Uint8Array) {
    if (this.closed) throw new Error('send after close');
    this.sent.push(data);
  }
  close() {
    this.closed++;
    this.emit('close');
  }
  /** A frame from the browser. */
  frame(data: TerminalFrame, isBinary: boolean) {
    this.emit('message', data, isBinary);
  }
  controls() {
    return this.sent
      .filter((s) => typeof s === 'string')
      .map((s) => JSON.parse(s) as Record<string, unknown>);
  }
}

/** A PTY that records keystrokes and sizes, and checks sizes like the real one. */
function fakeShell() {
  const output = new PassThrough();
  const written: string[] = [];
  const sizes: [number, number][] = [];
  let end: (exit: ShellExit) => void = () => undefined;
  const exited = new Promise<ShellExit>((resolve) => {
    end = resolve;
  });
  let closes = 0;
  const shell: TerminalShell = {
    output,
    write: (data) => written.push(Buffer.from(data).toString('utf8')),
    resize: (rows, cols) => sizes.push([rows, cols]),
    exited,
    close: async () => {
      closes++;
      end({ code: undefined, signal: 'HUP' });
      return exited;
    },
  };
  return { shell, output, written, sizes, end: (exit: ShellExit) => end(exit), closes: () => closes };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('bridgeTerminal', () => {
  it('passes binary frames to the PTY as keystrokes, in any payload shape ws delivers, and PTY bytes back', async () => {
    const socket = new FakeSocket();
    const pty = fakeShell();
    const done = bridgeTerminal(socket, pty.shell);
    await tick();
    socket.frame(bytes('ls\n'), true);
    socket.frame(bytes('pwd\n').buffer as ArrayBuffer, true);
    socket.frame([bytes('ec'), bytes('ho\n')], true);
    // A binary frame that looks like a control message is still keystrokes.
    socket.frame(bytes('{"type":"resize","rows":1,"cols":1}'), true);
    pty.output.write(Buffer.from('prompt$ '));
    await tick();
    expect(pty.written).toEqual(['ls\n', 'pwd\n', 'echo\n', '{"type":"resize","rows":1,"cols":1}']);
    expect(pty.sizes).toEqual([]);
    expect(Buffer.from(socket.sent[0] as Uint8Array).toString()).toBe('prompt$ ');
    pty.end({ code: 0, signal: undefined });
    expect(await done).toEqual({ code: 0, signal: undefined });
  });

  it('applies a valid resize and answers bad control messages with an error, leaving the shell open', async () => {
    const socket = new FakeSocket();
    const pty = fakeShell();
    void bridgeTerminal(socket, pty.shell);
    await tick();
    const text = (message: string) => socket.frame(bytes(message), false);
    text(JSON.stringify({ type: 'resize', rows: 50, cols: 132 }));
    text(JSON.stringify({ type: 'resize', rows: 5000, cols: 132 }));
    text(JSON.stringify({ type: 'resize', rows: 2.5, cols: 80 }));
    // Text where a number belongs never reaches the PTY, as a size or as keystrokes.
    text(JSON.stringify({ type: 'resize', rows: '24; touch /tmp/pwned', cols: 80 }));
    text(JSON.stringify({ type: 'resize', rows: 24, cols: 80, command: 'id' }));
    text(JSON.stringify({ type: 'exec', command: 'id' }));
    text('echo not json');
    expect(pty.sizes).toEqual([[50, 132]]);
    expect(pty.written).toEqual([]);
    const errors = socket.controls();
    expect(errors.map((c) => c.type)).toEqual(Array(6).fill('error'));
    expect(errors[0]?.message).toMatch(/terminal control message.*"rows".*1000/s);
    expect(errors[2]?.message).toMatch(/"rows".*string/s);
    expect(errors[3]?.message).toMatch(/"command"/);
    expect(errors[5]?.message).toMatch(/must be one JSON control message/);
    expect(socket.closed).toBe(0);
  });

  it('words the error messages in the given locale', async () => {
    const socket = new FakeSocket();
    const pty = fakeShell();
    void bridgeTerminal(socket, pty.shell, { locale: 'zh-CN' });
    await tick();
    socket.frame(bytes('not json'), false);
    expect(socket.controls()[0]?.message).toMatch(/文本帧应为一条 JSON 控制消息/);
  });

  it('hangs up the shell when the browser closes the socket', async () => {
    const socket = new FakeSocket();
    const pty = fakeShell();
    const done = bridgeTerminal(socket, pty.shell);
    await tick();
    socket.emit('close');
    expect(await done).toEqual({ code: undefined, signal: 'HUP' });
    expect(pty.closes()).toBe(1);
    // Nothing is sent to a closed socket, not even the exit message.
    expect(socket.sent).toEqual([]);
  });

  it('sends exit and closes the socket when the shell ends', async () => {
    const socket = new FakeSocket();
    const pty = fakeShell();
    const done = bridgeTerminal(socket, pty.shell);
    await tick();
    pty.end({ code: 3, signal: undefined });
    await done;
    expect(socket.controls()).toEqual([{ type: 'exit', code: 3, signal: null }]);
    expect(socket.closed).toBe(1);
  });

  it('keeps frames that arrive while the shell opens, and reports a shell that fails to open', async () => {
    const socket = new FakeSocket();
    const pty = fakeShell();
    let open: (shell: TerminalShell) => void = () => undefined;
    const done = bridgeTerminal(socket, new Promise<TerminalShell>((resolve) => (open = resolve)));
    socket.frame(bytes('early\n'), true);
    open(pty.shell);
    await tick();
    expect(pty.written).toEqual(['early\n']);
    pty.end({ code: 0, signal: undefined });
    await done;

    const refused = new FakeSocket();
    const failed = await bridgeTerminal(
      refused,
      Promise.reject(new ValidationError({ details: { subject: 'shell options', issues: [] } })),
    );
    expect(failed).toEqual({ code: undefined, signal: undefined });
    expect(refused.controls()).toEqual([{ type: 'error', message: expect.stringMatching(/shell options/) }]);
    expect(refused.closed).toBe(1);
  });
});
