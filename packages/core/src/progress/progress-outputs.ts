import { UnsupportedError } from '../errors/hpckit-error.js';
import type { ProgressSnapshot } from './progress-snapshot.js';
import {
  type RenderProgressOptions,
  renderProgressHtml,
  renderProgressLine,
  renderProgressText,
} from './render-progress.js';

/** Where a progress display goes; make one with {@link terminalProgress}, {@link lineProgress} or {@link notebookProgress}. */
export interface ProgressOutput {
  /** Fewest milliseconds between two updates; the final update is always shown. */
  readonly minIntervalMs: number;
  /** Re-shows the display this often even when no job changed (a live elapsed clock); 0: never. */
  readonly tickMs: number;
  /** Shows a snapshot; `final` once every job has ended. */
  show(snapshot: ProgressSnapshot, final: boolean): void;
}

/** A stream progress is written to, such as `process.stdout`. */
export interface TextStream {
  write(text: string): unknown;
  /** Whether it is a terminal (Node's `process.stdout.isTTY`). */
  isTTY?: boolean;
  /** The terminal's width, to keep each line on one row. */
  columns?: number;
}

/** Shows a MIME bundle in a notebook: first `update: false`, then `update: true` for the same id. */
export type NotebookDisplay = (
  bundle: { 'text/plain': string; 'text/html': string },
  options: { displayId: string; update: boolean },
) => void;

/** Options of the progress outputs. */
export interface ProgressOutputOptions extends RenderProgressOptions {
  /** Fewest milliseconds between two updates. @defaultValue 250 (terminal, notebook), 30 000 (lines) */
  minIntervalMs?: number;
}

/**
 * A live table in a terminal, redrawn in place (ANSI cursor movement), with a ticking elapsed clock.
 *
 * @example
 * ```ts
 * await showProgress(client, handles, { output: terminalProgress(process.stdout) });
 * ```
 */
export function terminalProgress(stream: TextStream, options: ProgressOutputOptions = {}): ProgressOutput {
  let drawn = 0;
  return {
    minIntervalMs: options.minIntervalMs ?? 250,
    tickMs: 1000,
    show(snapshot) {
      // A line wider than the terminal would wrap and throw off the redraw's line count.
      const width = stream.columns ?? Number.POSITIVE_INFINITY;
      const lines = renderProgressText(snapshot, options)
        .split('\n')
        .map((l) => (l.length > width ? l.slice(0, width) : l));
      stream.write(`${drawn > 0 ? `\x1b[${drawn}F\x1b[J` : ''}${lines.join('\n')}\n`);
      drawn = lines.length;
    },
  };
}

/**
 * One summary line per update, for output that is not a terminal (CI logs, files): at most one
 * line every `minIntervalMs` (30 s by default), only when something changed, and always the last.
 *
 * @example
 * ```ts
 * await showProgress(client, handles, { output: lineProgress(process.stderr, { minIntervalMs: 60_000 }) });
 * ```
 */
export function lineProgress(stream: TextStream, options: ProgressOutputOptions = {}): ProgressOutput {
  let previous = '';
  return {
    minIntervalMs: options.minIntervalMs ?? 30_000,
    tickMs: 0,
    show(snapshot, final) {
      const line = renderProgressLine(snapshot);
      // The wall time alone changing is no news.
      const news = line.replace(/ \| elapsed [^|]*/, '');
      if (news === previous && !final) return;
      previous = news;
      stream.write(`${line}\n`);
    },
  };
}

let displays = 0;

/**
 * A notebook's rich output: one HTML table (with a plain-text twin), updated in place through the
 * kernel's display protocol (`display_data`, then `update_display_data`).
 *
 * @example
 * ```ts
 * // Under Deno's Jupyter kernel showProgress picks this by itself, displaying with
 * // Deno.jupyter.display(bundle, { raw: true, display_id: displayId, update }).
 * const shown: string[] = [];
 * const output = notebookProgress((bundle) => shown.push(bundle['text/html']));
 * await showProgress(client, handles, { output });
 * ```
 */
export function notebookProgress(
  display: NotebookDisplay,
  options: ProgressOutputOptions = {},
): ProgressOutput {
  displays += 1;
  const displayId = `hpckit-progress-${displays}`;
  let shown = false;
  return {
    minIntervalMs: options.minIntervalMs ?? 250,
    tickMs: 1000,
    show(snapshot) {
      const bundle = {
        'text/plain': renderProgressText(snapshot, options),
        'text/html': renderProgressHtml(snapshot, options),
      };
      display(bundle, { displayId, update: shown });
      shown = true;
    },
  };
}

/** Deno's Jupyter API, when this code runs in Deno's kernel. */
interface DenoJupyter {
  display(bundle: unknown, options: { raw: boolean; display_id: string; update: boolean }): unknown;
}

function denoJupyter(): DenoJupyter | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: Partial<DenoJupyter> } }).Deno;
  const jupyter = deno?.jupyter;
  return typeof jupyter?.display === 'function' ? (jupyter as DenoJupyter) : undefined;
}

/**
 * The output that suits where the code runs: a notebook's rich output under Deno's Jupyter kernel,
 * a live table when `stream` (default `process.stdout`) is a terminal, else periodic lines.
 *
 * @example
 * ```ts
 * const output = defaultProgressOutput(process.stderr);
 * ```
 */
export function defaultProgressOutput(
  stream?: TextStream,
  options: ProgressOutputOptions = {},
): ProgressOutput {
  const jupyter = denoJupyter();
  if (jupyter && stream === undefined) {
    return notebookProgress(
      (bundle, { displayId, update }) =>
        jupyter.display(bundle, { raw: true, display_id: displayId, update }),
      options,
    );
  }
  const out = stream ?? (globalThis as { process?: { stdout?: TextStream } }).process?.stdout;
  if (!out) {
    throw new UnsupportedError({
      details: { capability: 'progress display', adapter: 'none', reason: 'no_output_stream' },
    });
  }
  return out.isTTY ? terminalProgress(out, options) : lineProgress(out, options);
}
