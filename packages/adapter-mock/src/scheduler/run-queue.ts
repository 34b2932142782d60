/** What the run queue needs to know of a job: its priority, and its submission order. */
export interface Queueable {
  readonly priority: number;
  /** Submission order (submit time, then id): lower goes first within a priority. */
  readonly seq: number;
}

/** A job's place in the queue; `live` turns false when the job leaves it. */
export interface QueueEntry<J extends Queueable> {
  readonly job: J;
  live: boolean;
}

interface Entry<J extends Queueable> extends QueueEntry<J> {
  readonly level: Level<J>;
}

interface Level<J extends Queueable> {
  readonly priority: number;
  items: Entry<J>[];
  head: number;
  dead: number;
}

/**
 * The jobs eligible to start in one partition, in scheduling order: priority (higher first), then
 * submission order. Entries are removed lazily (marked dead, skipped, compacted in bulk) so that
 * starting a job deep in a 100,000-job queue costs O(1); jobs that become eligible late (released,
 * dependency satisfied) are merged back at their place by submission order.
 */
export interface RunQueue<J extends Queueable> {
  /** Live entries. */
  readonly size: number;
  /** Adds a job; it takes its place by priority and submission order. */
  add(job: J): QueueEntry<J>;
  /** Takes a job out of the queue. */
  remove(entry: QueueEntry<J>): void;
  /** Visits live jobs in scheduling order until `visit` returns false. `visit` may remove entries. */
  scan(visit: (job: J, entry: QueueEntry<J>) => boolean): void;
}

/** Creates an empty {@link RunQueue}. */
export function createRunQueue<J extends Queueable>(): RunQueue<J> {
  const levels: Level<J>[] = [];
  const byPriority = new Map<number, Level<J>>();
  let staged: Entry<J>[] = [];
  let size = 0;
  let scanning = false;

  function levelOf(priority: number): Level<J> {
    let level = byPriority.get(priority);
    if (!level) {
      level = { priority, items: [], head: 0, dead: 0 };
      byPriority.set(priority, level);
      levels.push(level);
      levels.sort((a, b) => b.priority - a.priority);
    }
    return level;
  }

  function flush(): void {
    if (staged.length === 0) return;
    const incoming = staged.filter((e) => e.live);
    staged = [];
    if (!isSorted(incoming)) incoming.sort((a, b) => a.job.seq - b.job.seq);
    const perLevel = new Map<Level<J>, Entry<J>[]>();
    for (const entry of incoming) {
      const list = perLevel.get(entry.level);
      if (list) list.push(entry);
      else perLevel.set(entry.level, [entry]);
    }
    for (const [level, list] of perLevel) {
      const last = level.items[level.items.length - 1];
      // New submissions come last in their level, the common case: append without merging.
      if (!last || last.job.seq < list[0]!.job.seq) {
        for (const entry of list) level.items.push(entry);
      } else {
        level.items = merge(
          level.items.slice(level.head).filter((e) => e.live),
          list,
        );
        level.head = 0;
        level.dead = 0;
      }
    }
  }

  function compact(level: Level<J>): void {
    const liveCount = level.items.length - level.head - level.dead;
    if (level.dead < 1024 || level.dead < liveCount) return;
    level.items = level.items.slice(level.head).filter((e) => e.live);
    level.head = 0;
    level.dead = 0;
  }

  return {
    get size() {
      return size;
    },
    add(job) {
      const entry: Entry<J> = { job, live: true, level: levelOf(job.priority) };
      staged.push(entry);
      size++;
      return entry;
    },
    remove(entry) {
      if (!entry.live) return;
      entry.live = false;
      size--;
      const level = (entry as Entry<J>).level;
      level.dead++;
      if (!scanning) compact(level);
    },
    scan(visit) {
      flush();
      scanning = true;
      try {
        for (const level of levels) {
          const items = level.items;
          while (level.head < items.length && !items[level.head]!.live) {
            level.head++;
            level.dead--;
          }
          for (let i = level.head; i < items.length; i++) {
            const entry = items[i]!;
            if (entry.live && !visit(entry.job, entry)) return;
          }
        }
      } finally {
        scanning = false;
        for (const level of levels) compact(level);
      }
    },
  };
}

function isSorted<J extends Queueable>(entries: Entry<J>[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1]!.job.seq > entries[i]!.job.seq) return false;
  return true;
}

function merge<J extends Queueable>(a: Entry<J>[], b: Entry<J>[]): Entry<J>[] {
  const out: Entry<J>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.job.seq <= b[j]!.job.seq ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
