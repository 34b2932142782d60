/**
 * Finds English left in a message meant for another locale: three ASCII words in a row once
 * quoted names, code and values are taken out.
 */
export function englishIn(text: string): string | undefined {
  // Code a message quotes: calls such as `commandSessionFiles(transport, user)`, and sbatch
  // options such as --mem-per-cpu.
  const bare = text.replace(
    /"[^"]*"|'[^']*'|“[^”]*”|`[^`]*`|\{[^}]*\}|[A-Za-z_.]+\([^)]*\)|--[A-Za-z][\w-]*/g,
    ' ',
  );
  return /[A-Za-z]+(?:[ ,;:()/-]+[A-Za-z]+){2,}/.exec(bare)?.[0];
}
