import { JOB_PHASES } from '../model/job-state.js';
import { formatDuration } from '../time/duration.js';
import type { ProgressRow, ProgressSnapshot } from './progress-snapshot.js';

/** Options of {@link renderProgressText} and {@link renderProgressHtml}. */
export interface RenderProgressOptions {
  /**
   * Rows shown at most; past it the unfinished jobs come first and the rest is counted in a last
   * line, so a sweep of a thousand jobs stays a screenful.
   *
   * @defaultValue 20
   */
  maxRows?: number;
}

const seconds = (s: number | undefined) => (s === undefined ? '' : formatDuration(s));
const eta = (s: number | undefined, basis: string | undefined) =>
  s === undefined ? '?' : `${basis === 'limit' ? '≤' : '~'}${seconds(s)}`;
const stateOf = (row: ProgressRow) => row.outcome ?? row.phase;

/**
 * One line: how many jobs, per phase and outcome, the wall time and the ETA, e.g.
 * `5 jobs: 2 running, 3 ended (3 completed) | elapsed 4s | ETA ≤30m`.
 *
 * @example
 * ```ts
 * const snapshot = progressSnapshot(handles.map((h) => h.job), { elapsedMs: 0 });
 * process.stdout.write(`${renderProgressLine(snapshot)}\n`);
 * ```
 */
export function renderProgressLine(snapshot: ProgressSnapshot): string {
  const phases = JOB_PHASES.filter((p) => snapshot.phases[p] > 0).map((p) => {
    const count = `${snapshot.phases[p]} ${p}`;
    if (p !== 'ended') return count;
    const outcomes = Object.entries(snapshot.outcomes).map(([o, n]) => `${n} ${o}`);
    return `${count} (${outcomes.join(', ')})`;
  });
  const jobs = `${snapshot.total} job${snapshot.total === 1 ? '' : 's'}`;
  const elapsed = `elapsed ${formatDuration(Math.floor(snapshot.elapsedMs / 1000))}`;
  const done = snapshot.phases.ended === snapshot.total;
  const tail = done ? 'done' : `ETA ${eta(snapshot.etaSeconds, snapshot.etaBasis)}`;
  const counts = phases.length > 0 ? `${jobs}: ${phases.join(', ')}` : jobs;
  return `${counts} | ${elapsed} | ${tail}`;
}

/** The rows to show: unfinished first when they do not all fit, then the count of the others. */
function visibleRows(snapshot: ProgressSnapshot, maxRows: number): { rows: ProgressRow[]; hidden: number } {
  if (snapshot.rows.length <= maxRows) return { rows: snapshot.rows, hidden: 0 };
  const open = snapshot.rows.filter((r) => r.phase !== 'ended');
  const ended = snapshot.rows.filter((r) => r.phase === 'ended');
  const rows = [...open, ...ended].slice(0, maxRows);
  return { rows, hidden: snapshot.rows.length - rows.length };
}

const HEADERS = ['JOB', 'NAME', 'STATE', 'ELAPSED', 'LIMIT', 'ETA'] as const;

function cellsOf(row: ProgressRow): string[] {
  const state = row.reason ? `${stateOf(row)} (${row.reason})` : stateOf(row);
  const rowEta = row.phase === 'ended' ? '' : eta(row.etaSeconds, row.etaBasis);
  return [row.id, row.name, state, seconds(row.elapsedSeconds), seconds(row.timeLimitSeconds), rowEta];
}

/**
 * The summary line, then a table of the jobs (id, name, state, elapsed, limit, ETA) in plain
 * text with aligned columns: what a terminal or a notebook's text output shows.
 *
 * @example
 * ```ts
 * const snapshot = progressSnapshot(handles.map((h) => h.job), { elapsedMs: 0 });
 * process.stdout.write(`${renderProgressText(snapshot, { maxRows: 10 })}\n`);
 * ```
 */
export function renderProgressText(snapshot: ProgressSnapshot, options: RenderProgressOptions = {}): string {
  const { rows, hidden } = visibleRows(snapshot, options.maxRows ?? 20);
  const table = [[...HEADERS], ...rows.map(cellsOf)];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
  const lines = table.map((cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  if (hidden > 0) lines.push(`… and ${hidden} more`);
  return [renderProgressLine(snapshot), ...lines].join('\n');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The same as {@link renderProgressText} as an HTML table, for a notebook's rich output. Every
 * job name and scheduler text is escaped.
 *
 * @example
 * ```ts
 * const snapshot = progressSnapshot(handles.map((h) => h.job), { elapsedMs: 0 });
 * const html = renderProgressHtml(snapshot); // "<div class=\"hpckit-progress\">…"
 * ```
 */
export function renderProgressHtml(snapshot: ProgressSnapshot, options: RenderProgressOptions = {}): string {
  const { rows, hidden } = visibleRows(snapshot, options.maxRows ?? 20);
  const tr = (cells: string[], tag: 'td' | 'th') =>
    `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const more = hidden > 0 ? `<tr><td colspan="${HEADERS.length}">… and ${hidden} more</td></tr>` : '';
  return [
    '<div class="hpckit-progress">',
    `<p>${escapeHtml(renderProgressLine(snapshot))}</p>`,
    `<table><thead>${tr([...HEADERS], 'th')}</thead><tbody>${rows.map((r) => tr(cellsOf(r), 'td')).join('')}${more}</tbody></table>`,
    '</div>',
  ].join('');
}
