import { nextTask } from '../components/cb-notebook/render-slices';
import { TaskSlice } from '../timing/task-slice';

/**
 * Drawing work in time slices. A feature map is measured and painted as a sequence of small steps (a
 * canvas, a quarter-million values); every map on the page hands its steps here. Steps run at once while
 * the current task has spent less than the budget — so a small map, or the first canvases of a big one,
 * are drawn in the very task that delivered the value — and past it the rest waits for the next task
 * (`scheduler.yield()` where the browser has it, else a message, never a clamped timeout), a budget's
 * worth at a time, until every job is done. No task does much more than the budget of drawing, however big
 * the map or however many maps change at once, and there is no idle gap between slices.
 *
 * Each job belongs to an owner (a map element); a new job for the same owner replaces the one still
 * running, so a newer tensor stops the paint of an older one between two steps.
 */

/** Drawing time one task may spend: leaves room for the frame and for Lit's own updates under 50 ms. */
export const PAINT_SLICE_MS = 8;

export type Steps = Iterator<unknown, unknown, undefined>;

export interface SliceQueueOptions {
  readonly budgetMs?: number;
  readonly now?: () => number;
  /** Runs `task` in a later task. */
  readonly later?: (task: () => void) => void;
  /** Where a step's error goes (default: thrown in a task of its own, so the console shows it). */
  readonly report?: (error: unknown) => void;
}

export class SliceQueue {
  readonly #later: (task: () => void) => void;
  readonly #report: (error: unknown) => void;
  readonly #slice: TaskSlice;
  /** Waiting jobs in the order they came; a replaced job moves to the back. */
  readonly #jobs = new Map<unknown, Steps>();
  #continueScheduled = false;
  #running = false;

  constructor(options: SliceQueueOptions = {}) {
    this.#later = options.later ?? yieldToBrowser;
    this.#report = options.report ?? reportLater;
    this.#slice = new TaskSlice(
      options.budgetMs ?? PAINT_SLICE_MS,
      options.now ?? (() => performance.now()),
      options.later ?? afterThisTask,
    );
  }

  /** Whether `owner` has a job not yet finished. */
  has(owner: unknown): boolean {
    return this.#jobs.has(owner);
  }

  /** Starts `steps` for `owner` (dropping its unfinished job), running what the current slice allows now. */
  run(owner: unknown, steps: Steps): void {
    this.#jobs.delete(owner);
    this.#jobs.set(owner, steps);
    if (!this.#running && !this.#continueScheduled) this.#drain();
  }

  /** Drops `owner`'s unfinished job. */
  cancel(owner: unknown): void {
    this.#jobs.delete(owner);
  }

  #drain(): void {
    this.#slice.open();
    this.#running = true;
    try {
      while (this.#jobs.size > 0) {
        if (this.#slice.spent) {
          this.#scheduleContinue();
          return;
        }
        const [owner, steps] = this.#jobs.entries().next().value as [unknown, Steps];
        let done = true;
        try {
          done = steps.next().done === true;
        } catch (error) {
          // A job that throws is dropped and reported, so one broken map cannot stall every other.
          this.#report(error);
        }
        if (done && this.#jobs.get(owner) === steps) this.#jobs.delete(owner);
      }
    } finally {
      this.#running = false;
    }
  }

  #scheduleContinue(): void {
    if (this.#continueScheduled) return;
    this.#continueScheduled = true;
    this.#later(() => {
      this.#continueScheduled = false;
      this.#slice.close();
      this.#drain();
    });
  }
}

interface PageScheduler {
  yield(): Promise<void>;
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

function pageScheduler(): Partial<PageScheduler> | undefined {
  return (globalThis as { scheduler?: Partial<PageScheduler> }).scheduler;
}

/**
 * The continuation: `scheduler.yield()` (it goes before other queued work), else a MessageChannel message.
 * Measured in this Chromium, a hop through either scheduler call takes well under a millisecond, while a
 * message hop varied from 1 to 12 ms and a nested timeout is clamped to 4 ms.
 */
function yieldToBrowser(task: () => void): void {
  const scheduler = pageScheduler();
  if (typeof scheduler?.yield === 'function') void scheduler.yield().then(task);
  else nextTask(task);
}

/** Runs `task` as soon as the current task is over, to end its slice before the next task starts one. */
function afterThisTask(task: () => void): void {
  const scheduler = pageScheduler();
  if (typeof scheduler?.postTask === 'function') void scheduler.postTask(task, { priority: 'user-blocking' });
  else nextTask(task);
}

function reportLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

/** The page's one queue, shared by every map so their budgets add up. */
export const paintQueue = new SliceQueue();
