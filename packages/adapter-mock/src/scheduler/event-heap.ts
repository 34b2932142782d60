/** Something that happens at a point of virtual time; `order` breaks ties (first pushed, first out). */
export interface TimedEvent {
  time: number;
  order: number;
}

/** A binary min-heap of events by time, then insertion order. */
export interface EventHeap<E extends TimedEvent> {
  readonly size: number;
  /** Adds an event; its `order` is set here. */
  push(event: E): void;
  peek(): E | undefined;
  pop(): E | undefined;
}

/** Creates an empty {@link EventHeap}. */
export function createEventHeap<E extends TimedEvent>(): EventHeap<E> {
  const items: E[] = [];
  let counter = 0;
  const before = (a: E, b: E) => a.time < b.time || (a.time === b.time && a.order < b.order);

  function up(i: number): void {
    const item = items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  function down(i: number): void {
    const item = items[i]!;
    const n = items.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, item)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = item;
  }

  return {
    get size() {
      return items.length;
    },
    push(event) {
      event.order = counter++;
      items.push(event);
      up(items.length - 1);
    },
    peek: () => items[0],
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        down(0);
      }
      return top;
    },
  };
}
