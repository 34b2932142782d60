import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isControl, lineEditor } from './line-editor.js';
import { shellWords } from './shell-words.js';

const quoted = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

describe('shellWords', () => {
  it('gives back any words, single-quoted and joined by spaces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (words) => {
        expect(shellWords(words.map(quoted).join(' '))).toEqual({ words });
      }),
    );
  });

  it('splits unquoted words on spaces and keeps shell metacharacters literal', () => {
    expect(shellWords('  ls  -a $HOME;rm *  ')).toEqual({ words: ['ls', '-a', '$HOME;rm', '*'] });
    expect(shellWords('echo "a \\"b\\" \\\\" c\\ d \'\'')).toEqual({
      words: ['echo', 'a "b" \\', 'c d', ''],
    });
    expect(shellWords("echo 'open")).toEqual({ unterminated: "'" });
    expect(shellWords('echo "open')).toEqual({ unterminated: '"' });
  });
});

describe('lineEditor', () => {
  it('never puts a control character in a line, nor more than the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          for (const event of lineEditor(max).feed(text)) {
            if (event.type !== 'line') continue;
            expect([...event.line].length).toBeLessThanOrEqual(max);
            expect([...event.line].filter(isControl)).toEqual([]);
          }
        },
      ),
    );
  });
});
