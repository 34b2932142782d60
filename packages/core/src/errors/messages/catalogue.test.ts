/**
 * The catalogues are complete: every code, reason, policy reason and violation code has words in
 * English and in Simplified Chinese, and the Chinese words are Chinese. A new entry added to one
 * language only fails here.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, POLICY_REASONS } from '../codes.js';
import {
  ALREADY_EXISTS_REASONS,
  INTERNAL_REASONS,
  NOT_FOUND_REASONS,
  PARSE_REASONS,
  PERMISSION_REASONS,
  TIMEOUT_REASONS,
  TRANSPORT_REASONS,
  UNSUPPORTED_REASONS,
  VALIDATION_REASONS,
} from '../reasons.js';
import { VIOLATION_CODES } from '../violation-codes.js';
import type { MessageCatalogue } from './catalogue.js';
import { messages } from './en.js';
import { messagesZhCn } from './zh-cn.js';

const HAN = /\p{Script=Han}/u;

/** Every fact any entry reads, filled with plain ASCII so that Chinese text can only be the entry's own. */
const facts = {
  subject: 'job spec',
  issues: [{ path: ['memory'], message: 'needs a unit', code: 'custom' }],
  kind: 'job',
  id: '42',
  action: 'read /home/alice/x',
  user: 'alice',
  owner: 'bob',
  account: 'chem',
  missingRole: 'admin',
  actAs: 'sudo',
  login: 'portal',
  uid: 10,
  minUid: 1000,
  /** Read only by the general policy message, which picks its reason's words. */
  reason: 'time_limit_exceeds_qos',
  nativeReason: 'QOSMaxWallDurationPerJobLimit',
  limit: 10,
  requested: 12,
  unit: 'GB',
  partition: 'gpu',
  qos: 'normal',
  allowed: ['normal', 'long'],
  perUnit: 2,
  gpusPerNode: 2,
  coresPerNode: 8,
  directiveReason: 'it changes the resources the job is allocated',
  jobAction: 'hold',
  jobState: 'running',
  cluster: 'hpc',
  host: 'login1',
  port: 2222,
  errno: 'ENOENT',
  raw: 'x|y',
  what: 'squeue output',
  fields: 7,
  fieldsPerRecord: 3,
  capability: 'jobs.hold',
  adapter: 'ssh',
  operation: 'read /home/alice/x',
  path: '/home/alice/x',
  fileType: 'a FIFO',
  size: 2048,
  within: '/home/alice',
  step: 'open',
  lookupWindowDays: 365,
  namedAt: 'dependencies.0.jobIds.0',
  timeoutMs: 1000,
  command: ['sbatch', '--parsable'],
  stderr: 'sbatch: error: Batch job submission failed: Invalid account',
  exitCode: 1,
  program: 'sbatch',
  nativeMessage: 'Batch job submission failed: Invalid account',
  scheduler: 'Slurm',
  known: ['jupyter-notebook', 'code-server'],
  session: 's-1',
  sessionJob: '43',
  directory: '/home/alice/hpckit/apps/x/s-1',
  outcome: 'cancelled',
  connectionFile: false,
} as const;

type Leaf = (d: never) => string | undefined;

/** Every wording function of a catalogue, by its path (`reasons.TRANSPORT.session_lost.hint`). */
function leaves(catalogue: MessageCatalogue): Map<string, Leaf> {
  const found = new Map<string, Leaf>();
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'function') found.set(path, node as Leaf);
    else if (node && typeof node === 'object' && !Array.isArray(node))
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
  };
  walk({ ...catalogue, submitted: undefined }, '');
  return found;
}

const REASONS: Record<string, readonly string[]> = {
  VALIDATION: VALIDATION_REASONS,
  NOT_FOUND: NOT_FOUND_REASONS,
  ALREADY_EXISTS: ALREADY_EXISTS_REASONS,
  PERMISSION_DENIED: PERMISSION_REASONS,
  TRANSPORT: TRANSPORT_REASONS,
  PARSE: PARSE_REASONS,
  UNSUPPORTED: UNSUPPORTED_REASONS,
  TIMEOUT: TIMEOUT_REASONS,
  INTERNAL: INTERNAL_REASONS,
};

describe('the message catalogues', () => {
  it('word every code, every reason of every code, every policy reason and every violation code', () => {
    for (const catalogue of [messages, messagesZhCn]) {
      expect(Object.keys(catalogue.codes).sort()).toEqual([...ERROR_CODES].sort());
      expect(Object.keys(catalogue.reasons).sort()).toEqual(Object.keys(REASONS).sort());
      for (const [code, reasons] of Object.entries(REASONS)) {
        expect(Object.keys(catalogue.reasons[code as keyof typeof catalogue.reasons]).sort()).toEqual(
          [...reasons].sort(),
        );
      }
      expect(Object.keys(catalogue.policy).sort()).toEqual([...POLICY_REASONS].sort());
      expect(Object.keys(catalogue.refusalHints).sort()).toEqual([...POLICY_REASONS].sort());
      expect(Object.keys(catalogue.violations).sort()).toEqual([...VIOLATION_CODES].sort());
    }
  });

  it('have a Simplified Chinese text for every English one', () => {
    const en = leaves(messages);
    const zh = leaves(messagesZhCn);
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [path, english] of en) {
      const chinese = zh.get(path)!;
      const variants = [facts, { ...facts, nativeMessage: undefined }, { ...facts, jobAction: undefined }];
      for (const d of variants) {
        const enText = english(d as never);
        const zhText = chinese(d as never);
        if (enText === undefined) continue;
        expect(zhText, `${path} has no zh-CN text`).toBeTypeOf('string');
        expect(zhText, `${path} in zh-CN is not Chinese: ${zhText}`).toMatch(HAN);
        expect(enText, `${path} in English has Chinese in it`).not.toMatch(HAN);
      }
    }
  });

  it('word a submitted job in both languages', () => {
    for (const [catalogue, han] of [
      [messages, false],
      [messagesZhCn, true],
    ] as const) {
      const texts = [catalogue.submitted.summary('83', 'x'), catalogue.submitted.hint('83')];
      for (const text of texts) {
        expect(text).toContain('83');
        expect(HAN.test(text)).toBe(han);
      }
    }
  });
});
