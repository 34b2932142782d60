import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onlyUnknownNodes, parseNodeAddresses } from './node-addresses.js';

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[0-9]{0,3}$/);
const address = fc.oneof(fc.ipV4(), fc.ipV6(), name);
interface Node {
  name: string;
  hostname?: string;
  address?: string;
  reason?: string;
}

const node: fc.Arbitrary<Node> = fc.record({
  name,
  hostname: fc.option(name, { nil: undefined }),
  address: fc.option(address, { nil: undefined }),
  reason: fc.option(fc.constantFrom('not responding', 'maint by root', 'x=y'), { nil: undefined }),
});

// One `scontrol show node -o` line, with the fields around the ones the parser reads.
function line(n: Node): string {
  return [
    `NodeName=${n.name} Arch=x86_64 CoresPerSocket=32`,
    `NodeAddr=${n.address ?? '(null)'} NodeHostName=${n.hostname ?? '(null)'} Version=22.05.8`,
    `OS=Linux 6.1 #1 SMP PREEMPT_DYNAMIC @0  RealMemory=512000 State=IDLE`,
    n.reason ? `Reason=${n.reason} [root@1796183822]` : 'Partitions=cpu,gpu',
  ].join(' ');
}

describe('parseNodeAddresses', () => {
  it('reads back every node once, defaulting the host name to the name and the address to the host name', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 8 }), fc.array(name, { maxLength: 3 }), (nodes, unknown) => {
        const output = [...nodes.map(line), ...unknown.map((u) => `Node ${u} not found`)].join('\n');
        const expected = new Map<string, { name: string; hostname: string; address: string }>();
        for (const n of nodes) {
          if (expected.has(n.name)) continue;
          const hostname = n.hostname ?? n.name;
          expected.set(n.name, { name: n.name, hostname, address: n.address ?? hostname });
        }
        expect(parseNodeAddresses(output)).toEqual([...expected.values()]);
        expect(onlyUnknownNodes(output, '')).toBe(true);
      }),
    );
  });

  it('never throws and yields only nodes with a name, host name and address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const n of parseNodeAddresses(text)) {
          expect(n.name).not.toBe('');
          expect(n.hostname).not.toBe('');
          expect(n.address).not.toBe('');
        }
      }),
    );
  });

  it('treats any stderr, or a line it does not know, as a real failure', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
        (noise) => {
          expect(onlyUnknownNodes('Node cn99 not found\n', noise)).toBe(false);
        },
      ),
    );
    expect(onlyUnknownNodes('slurm_load_node error: Invalid node name specified\n', '')).toBe(false);
  });
});
