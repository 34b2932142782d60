import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupLongOption, lookupShortOption } from './option-lookup.js';
import { SBATCH_OPTIONS } from './option-table.js';

const names = SBATCH_OPTIONS.map((o) => o.name);
const nameOf = (text: string) => {
  const found = lookupLongOption(text);
  return 'option' in found ? found.option.name : found.problem;
};

describe('sbatch option names', () => {
  it('reads exact names, unambiguous prefixes and aliases as getopt_long does', () => {
    expect(nameOf('partition')).toBe('partition');
    expect(nameOf('part')).toBe('partition');
    expect(nameOf('commen')).toBe('comment');
    expect(nameOf('mem')).toBe('mem');
    expect(nameOf('tasks-per-node')).toBe('ntasks-per-node');
    expect(nameOf('tasks')).toBe('ntasks-per-node');
    expect(nameOf('mem-per')).toMatch(/ambiguous.*--mem-per-cpu, --mem-per-gpu/);
    expect(nameOf('tim')).toMatch(/ambiguous.*--time, --time-min/);
    expect(nameOf('nosuch')).toBe('sbatch has no option "--nosuch"');
    expect(nameOf('')).toMatch(/no option/);
  });

  it('finds every option by its full name and by every prefix no other option shares', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), (name, cut) => {
        const prefix = name.slice(0, 1 + (cut % name.length));
        const sharing = names.filter((n) => n.startsWith(prefix));
        const found = lookupLongOption(prefix);
        if (sharing.length === 1 || sharing.includes(prefix)) {
          expect('option' in found).toBe(true);
        } else if (!sharing.every((n) => n === 'tasks-per-node' || n === 'ntasks-per-node')) {
          expect(found).toHaveProperty('problem', expect.stringMatching(/ambiguous/));
        }
      }),
    );
    for (const name of names) expect(nameOf(name)).toBe(name === 'tasks-per-node' ? 'ntasks-per-node' : name);
  });

  it('has unique names and letters', () => {
    expect(new Set(names).size).toBe(names.length);
    const letters = SBATCH_OPTIONS.flatMap((o) => (o.short ? [o.short] : []));
    expect(new Set(letters).size).toBe(letters.length);
    expect(lookupShortOption('p')).toMatchObject({ option: { name: 'partition' } });
    expect(lookupShortOption('y')).toMatchObject({ problem: 'sbatch has no option "-y"' });
  });
});
