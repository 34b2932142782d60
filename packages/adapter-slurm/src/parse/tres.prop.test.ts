import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gpusFromGres, parseTres } from './tres.js';

describe('TRES strings', () => {
  it('reads back every count written in any order', () => {
    fc.assert(
      fc.property(
        fc.record({
          cpu: fc.nat(4096),
          node: fc.nat(512),
          gpu: fc.nat(64),
          memG: fc.nat(4096),
          billing: fc.nat(10_000),
        }),
        fc.boolean(),
        (c, shuffle) => {
          const items = [
            `billing=${c.billing}`,
            `cpu=${c.cpu}`,
            `gres/gpu=${c.gpu}`,
            `mem=${c.memG}G`,
            `node=${c.node}`,
          ];
          if (shuffle) items.reverse();
          expect(parseTres(items.join(','))).toEqual({
            cpu: c.cpu,
            nodes: c.node,
            gpus: c.gpu,
            memoryMiB: c.memG * 1024,
            billing: c.billing,
          });
        },
      ),
    );
  });

  it('sums typed GPUs when no untyped total is given', () => {
    expect(parseTres('cpu=2,gres/gpu:a100=2,gres/gpu:v100=1').gpus).toBe(3);
    expect(parseTres('cpu=2,gres/gpu=3,gres/gpu:a100=3').gpus).toBe(3);
    expect(parseTres('').gpus).toBeUndefined();
  });

  it('reads GPU counts from squeue gres columns', () => {
    expect(gpusFromGres('gres:gpu:2')).toBe(2);
    expect(gpusFromGres('gres/gpu:a100:4')).toBe(4);
    expect(gpusFromGres('gpu:1,gres:fpga:1')).toBe(1);
    expect(gpusFromGres('N/A')).toBe(0);
  });
});
