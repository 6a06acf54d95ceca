/**
 * How long the current task has spent on one kind of sliced work (rendering cells, painting maps). A slice
 * opens with the first piece of work in a task and lasts until that task ends, its microtasks included:
 * `endOfTask` runs a callback once it is over, which closes the slice, and a later task opens a fresh one.
 * Each kind of work keeps its own slice, so each may spend its budget in a task.
 */
export class TaskSlice {
  readonly #budgetMs: number;
  readonly #now: () => number;
  readonly #endOfTask: (task: () => void) => void;
  /** When the current task's slice began; undefined once that task is over. */
  #start: number | undefined;

  constructor(budgetMs: number, now: () => number, endOfTask: (task: () => void) => void) {
    this.#budgetMs = budgetMs;
    this.#now = now;
    this.#endOfTask = endOfTask;
  }

  /** Opens a slice, unless this task has one already. */
  open(): void {
    if (this.#start === undefined) this.restart();
  }

  /** Starts a fresh slice now, whatever the one before: for a task that continues queued work. */
  restart(): void {
    const start = this.#now();
    this.#start = start;
    this.#endOfTask(() => {
      if (this.#start === start) this.#start = undefined;
    });
  }

  /** Closes the slice now. */
  close(): void {
    this.#start = undefined;
  }

  /** Whether the open slice has used up its budget. */
  get spent(): boolean {
    return this.#start !== undefined && this.#now() - this.#start >= this.#budgetMs;
  }
}
