/**
 * Parses one line of `scontrol show <entity> -o` (`Key=Value Key2=Value with spaces …`) into a
 * record. A value runs until the next ` Key=`, so values with spaces (node reasons) survive.
 */
function parseKeyValueLine(line: string): Record<string, string> {
  const record: Record<string, string> = {};
  const re = /(?:^|\s)([A-Za-z][A-Za-z0-9_/:.]*)=/g;
  const keys: { key: string; start: number; valueStart: number }[] = [];
  for (let m = re.exec(line); m; m = re.exec(line)) {
    keys.push({ key: m[1]!, start: m.index, valueStart: m.index + m[0].length });
  }
  keys.forEach((k, i) => {
    const end = i + 1 < keys.length ? keys[i + 1]!.start : line.length;
    record[k.key] = line.slice(k.valueStart, end).trim();
  });
  return record;
}

/** Parses every non-empty line of `scontrol show <entity> -o` output. */
export function parseKeyValueLines(output: string): Record<string, string>[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('No ') && l.includes('='))
    .map(parseKeyValueLine);
}
