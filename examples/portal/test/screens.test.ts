import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The guide's pictures are committed copies of the cluster e2e's screenshots
// (scripts/portal/refresh-screens.sh): each must be one the e2e still takes, and linked.
const root = join(import.meta.dirname, '..', '..', '..');
const guide = readFileSync(join(root, 'docs/guides/portal.md'), 'utf8');
const committed = readdirSync(join(root, 'docs/guides/portal-screens')).sort();
const taken = ['journeys.ts', 'shell-steps.ts', 'apps-e2e.ts', 'portal.cluster.e2e.test.ts']
  .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
  .join('\n');

describe("the portal guide's screenshots", () => {
  it('links exactly the committed pictures', () => {
    const linked = [...guide.matchAll(/\]\(portal-screens\/([^)]+)\)/g)].map((m) => m[1]).sort();
    expect(linked).toEqual(committed);
  });

  it.each(committed)('%s is a screenshot the cluster e2e takes', (file) => {
    const name = file.replace(/\.png$/, '');
    expect(taken).toMatch(new RegExp(`'${name}'|${name}\\.png`));
  });
});
