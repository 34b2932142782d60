/**
 * A transport for unit tests that answers each Slurm command from a script of canned outputs
 * (captured fixtures), rewriting the fixture delimiter into the random one the adapter asked for.
 */
import { createStats, type ExecRequest, type ExecResult, type Transport } from '@hpckit/transport';

export const FIXTURE_DELIMITER = '\x1fFX\x1f';

/** One canned answer: for the first command whose argv matches, the output it prints. */
export interface Answer {
  match: (argv: readonly string[]) => boolean;
  result: Partial<ExecResult>;
  /** Rejects with this instead of answering (a lost connection, a timeout). */
  error?: Error;
  /** Answers this many times, then stops matching. @default Infinity */
  times?: number;
}

export interface ScriptedTransport extends Transport {
  /** Every argv run, in order. */
  readonly log: string[][];
}

export function scriptedTransport(answers: Answer[]): ScriptedTransport {
  const log: string[][] = [];
  const remaining = answers.map((a) => a.times ?? Number.POSITIVE_INFINITY);
  const stats = createStats();
  return {
    kind: 'scripted',
    canActAsUser: true,
    log,
    stats: stats.snapshot,
    async close() {},
    async exec(request: ExecRequest): Promise<ExecResult> {
      log.push([...request.argv]);
      const i = answers.findIndex((a, k) => remaining[k]! > 0 && a.match(request.argv));
      if (i < 0) throw new Error(`unscripted command: ${request.argv.join(' ')}`);
      remaining[i]!--;
      const finish = stats.begin(request.argv[0] ?? '');
      finish(answers[i]!.error !== undefined);
      if (answers[i]!.error) throw answers[i]!.error;
      const delimiter = delimiterOf(request.argv);
      const stdout = (answers[i]!.result.stdout ?? '').replaceAll(
        FIXTURE_DELIMITER,
        delimiter ?? FIXTURE_DELIMITER,
      );
      return { stdout, stderr: answers[i]!.result.stderr ?? '', exitCode: answers[i]!.result.exitCode ?? 0 };
    },
  };
}

function delimiterOf(argv: readonly string[]): string | undefined {
  const sacct = argv.find((a) => a.startsWith('--delimiter='));
  if (sacct) return sacct.slice('--delimiter='.length);
  const format = argv[argv.indexOf('-O') + 1];
  return format ? /^[^:]+:(.*?),/.exec(format)?.[1] : undefined;
}

/** Matches commands by program name and, optionally, a word they contain. */
export const cmd = (program: string, word?: string) => (argv: readonly string[]) =>
  argv[0] === program && (word === undefined || argv.some((a) => a.includes(word)));
