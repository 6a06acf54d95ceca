/**
 * Undo/redo over whole document snapshots. Documents are immutable values, so a snapshot is just the
 * reference and undo is "put the previous one back" (through `notebook.replaceDocument`) — structural edits
 * (add, remove, move a cell) need no inverse operations.
 *
 * Bursts coalesce: an edit with the same `coalesceKey` as the previous one (say, the same weight of the
 * same cell while dragging) within `coalesceMs` of it replaces the newest step instead of adding one, so
 * one Ctrl+Z undoes the whole drag. The window slides: a long drag stays one step.
 *
 * Recording a snapshot equal to the present is ignored; that is how the echo of our own undo (the runtime
 * publishing the document we just replaced) is kept out of the history.
 */

export interface UndoHistoryOptions<T> {
  /** Oldest steps are dropped beyond this many. */
  readonly limit?: number;
  readonly coalesceMs?: number;
  readonly equals?: (a: T, b: T) => boolean;
}

export class UndoHistory<T> {
  readonly #limit: number;
  readonly #coalesceMs: number;
  readonly #equals: (a: T, b: T) => boolean;
  #past: T[] = [];
  #present: T;
  #future: T[] = [];
  #lastKey: string | undefined;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(initial: T, options: UndoHistoryOptions<T> = {}) {
    this.#present = initial;
    this.#limit = options.limit ?? 200;
    this.#coalesceMs = options.coalesceMs ?? 500;
    this.#equals = options.equals ?? ((a, b) => JSON.stringify(a) === JSON.stringify(b));
  }

  get present(): T {
    return this.#present;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** Records the document after an edit. `now` is in milliseconds (performance.now()). */
  record(next: T, coalesceKey?: string, now: number = performance.now()): void {
    if (this.#equals(next, this.#present)) return;
    const coalesce =
      coalesceKey !== undefined && coalesceKey === this.#lastKey && now - this.#lastAt <= this.#coalesceMs;
    if (!coalesce) {
      this.#past.push(this.#present);
      if (this.#past.length > this.#limit) this.#past.shift();
    }
    this.#present = next;
    this.#future = [];
    this.#lastKey = coalesceKey;
    this.#lastAt = now;
  }

  /** Steps back; returns the document to apply, or undefined when there is nothing to undo. */
  undo(): T | undefined {
    const previous = this.#past.pop();
    if (previous === undefined) return undefined;
    this.#future.push(this.#present);
    return this.#step(previous);
  }

  /** Steps forward again; undefined when there is nothing to redo. */
  redo(): T | undefined {
    const next = this.#future.pop();
    if (next === undefined) return undefined;
    this.#past.push(this.#present);
    return this.#step(next);
  }

  /** Starts over from `initial` (another notebook was opened). */
  reset(initial: T): void {
    this.#past = [];
    this.#future = [];
    this.#present = initial;
    this.#lastKey = undefined;
  }

  #step(to: T): T {
    this.#present = to;
    // An edit right after an undo must start a new step, never merge into the one we moved to.
    this.#lastKey = undefined;
    return to;
  }
}
