/** What typing did to the line being edited. */
export type LineEvent =
  /** Bytes for the terminal: the echo of printable input, erasing a character, the bell. */
  | { type: 'echo'; text: string }
  /** Enter: the finished line. */
  | { type: 'line'; line: string }
  /** Ctrl-C: the line is dropped. */
  | { type: 'interrupt' }
  /** Ctrl-D on an empty line. */
  | { type: 'eof' };

/** A line editor fed with a terminal's keystrokes (already decoded text). */
export interface LineEditor {
  feed(text: string): LineEvent[];
}

const BELL = '\x07';

/** Whether `ch` is a C0 or C1 control character (or DEL). */
export const isControl = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
};

/**
 * The line discipline of a minimal shell: printable characters are echoed and collected, backspace
 * (DEL or ^H) erases the last character, Enter ends the line, ^C drops it, ^D on an empty line is
 * the end of input. Every other control character and whole escape sequences (arrow keys, function
 * keys, a terminal's replies) are dropped, so none reaches the line or the echo. A line is at most
 * `maxLength` characters: more rings the bell and is dropped, so a paste of megabytes costs
 * nothing.
 */
export function lineEditor(maxLength: number): LineEditor {
  let line: string[] = [];
  // Where an escape sequence is: none, after ESC, inside CSI (ESC [) or OSC/DCS (ESC ] / ESC P).
  let inEscape: 'none' | 'esc' | 'csi' | 'string' | 'string-esc' = 'none';
  return {
    feed(text) {
      const events: LineEvent[] = [];
      let echo = '';
      const flush = () => {
        if (echo) events.push({ type: 'echo', text: echo });
        echo = '';
      };
      for (const ch of text) {
        const code = ch.codePointAt(0)!;
        if (inEscape === 'esc') {
          // CSI and SS3 take a final byte; OSC, DCS, APC, PM, SOS run to ST or BEL.
          inEscape = ch === '[' || ch === 'O' ? 'csi' : ']P_^X'.includes(ch) ? 'string' : 'none';
          continue;
        }
        if (inEscape === 'csi') {
          if (code >= 0x40 && code <= 0x7e) inEscape = 'none';
          continue;
        }
        if (inEscape === 'string' || inEscape === 'string-esc') {
          if (ch === BELL || (inEscape === 'string-esc' && ch === '\\')) inEscape = 'none';
          else inEscape = ch === '\x1b' ? 'string-esc' : 'string';
          continue;
        }
        if (ch === '\x1b') inEscape = 'esc';
        else if (ch === '\r' || ch === '\n') {
          echo += '\r\n';
          flush();
          events.push({ type: 'line', line: line.join('') });
          line = [];
        } else if (ch === '\x7f' || ch === '\b') {
          if (line.length > 0) {
            line.pop();
            echo += '\b \b';
          }
        } else if (ch === '\x03') {
          echo += '^C\r\n';
          flush();
          events.push({ type: 'interrupt' });
          line = [];
        } else if (ch === '\x04') {
          if (line.length === 0) {
            flush();
            events.push({ type: 'eof' });
          }
        } else if (isControl(ch) || ch === '\ufffd') {
          // Other control characters (tab, ^U, C1 codes) and undecodable bytes: ignored.
        } else if (line.length >= maxLength) {
          if (!echo.endsWith(BELL)) echo += BELL;
        } else {
          line.push(ch);
          echo += ch;
        }
      }
      flush();
      return events;
    },
  };
}
