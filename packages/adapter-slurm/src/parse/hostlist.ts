/**
 * Expands a Slurm hostlist (`cn[01-03,07],gpu1`, `rack[1-2]-n[1-2]`) into host names, keeping
 * zero-padding. Placeholders (`None assigned`, `(null)`, empty) expand to nothing.
 */
export function expandHostlist(text: string): string[] {
  const s = text.trim();
  if (s === '' || s === '(null)' || s === 'None assigned' || s === 'N/A' || /^\(.*\)$/.test(s)) return [];
  const hosts: string[] = [];
  for (const item of splitTopLevel(s)) hosts.push(...expandOne(item));
  return hosts;
}

/** Compresses host names into Slurm's hostlist syntax (inverse of {@link expandHostlist} for simple names). */
export function compressHostlist(hosts: readonly string[]): string {
  const groups = new Map<string, { width: number; numbers: number[] }[]>();
  const plain: string[] = [];
  for (const host of hosts) {
    const m = /^(.*?[^0-9])?(\d+)$/.exec(host);
    if (!m) {
      plain.push(host);
      continue;
    }
    const prefix = m[1] ?? '';
    const digits = m[2]!;
    const list = groups.get(prefix) ?? [];
    let bucket = list.find((b) => b.width === digits.length);
    if (!bucket) {
      bucket = { width: digits.length, numbers: [] };
      list.push(bucket);
    }
    bucket.numbers.push(Number(digits));
    groups.set(prefix, list);
  }
  const parts = [...plain];
  for (const [prefix, buckets] of groups) {
    for (const { width, numbers } of buckets) {
      const sorted = [...new Set(numbers)].sort((a, b) => a - b);
      const pad = (n: number) => String(n).padStart(width, '0');
      if (sorted.length === 1) {
        parts.push(`${prefix}${pad(sorted[0]!)}`);
        continue;
      }
      const ranges: string[] = [];
      let start = sorted[0]!;
      let prev = start;
      for (const n of [...sorted.slice(1), Number.NaN]) {
        if (n === prev + 1) {
          prev = n;
          continue;
        }
        ranges.push(start === prev ? pad(start) : `${pad(start)}-${pad(prev)}`);
        start = n;
        prev = n;
      }
      parts.push(`${prefix}[${ranges.join(',')}]`);
    }
  }
  return parts.join(',');
}

function splitTopLevel(s: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      if (current) items.push(current);
      current = '';
    } else current += ch;
  }
  if (current) items.push(current);
  return items;
}

function expandOne(item: string): string[] {
  const open = item.indexOf('[');
  if (open < 0) return [item];
  const close = item.indexOf(']', open);
  if (close < 0) return [item];
  const prefix = item.slice(0, open);
  const rest = expandOne(item.slice(close + 1));
  const out: string[] = [];
  for (const part of item.slice(open + 1, close).split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) {
      for (const r of rest) out.push(`${prefix}${part}${r}`);
      continue;
    }
    const width = m[1]!.length;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let n = from; n <= to; n++) {
      for (const r of rest) out.push(`${prefix}${String(n).padStart(width, '0')}${r}`);
    }
  }
  return out;
}
