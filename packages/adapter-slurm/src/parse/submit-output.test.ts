import { describe, expect, it } from 'vitest';
import { parseSubmitOutput } from './submit-output.js';

describe('parseSubmitOutput', () => {
  it('reads the id from --parsable output, with or without a cluster', () => {
    expect(parseSubmitOutput('1234\n', ['sbatch'])).toBe('1234');
    expect(parseSubmitOutput('1234;cluster2\n', ['sbatch'])).toBe('1234');
  });

  it('ignores banners and warnings printed before the id', () => {
    expect(parseSubmitOutput('Welcome to the cluster\nsbatch: warning: x\n77\n', ['sbatch'])).toBe('77');
    expect(parseSubmitOutput('Submitted batch job 55\n', ['sbatch'])).toBe('55');
  });

  it('throws a ParseError carrying the raw output when there is no id', () => {
    expect(() => parseSubmitOutput('nothing here', ['sbatch'])).toThrow(
      expect.objectContaining({ code: 'PARSE', details: expect.objectContaining({ raw: 'nothing here' }) }),
    );
  });
});
