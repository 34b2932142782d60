/** A command line split into words, or why it could not be. */
export type ShellWords = { words: string[] } | { unterminated: "'" | '"' };

/**
 * Splits a command line into words the way a POSIX shell quotes, without anything a shell would
 * expand: `'…'` is literal, `"…"` and a backslash escape the next character, and nothing else is
 * special (`$`, `*`, `;`, `|` are plain characters).
 */
export function shellWords(line: string): ShellWords {
  const words: string[] = [];
  let word = '';
  // A word exists once a character or a quote starts it ('' is a word, nothing is none).
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i]!;
      else word += ch;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\' && i + 1 < line.length) word += line[++i]!;
      else word += ch;
    }
  }
  if (quote) return { unterminated: quote };
  if (inWord) words.push(word);
  return { words };
}
