import { TaskSlice } from '../../timing/task-slice';

/**
 * Renders many elements without freezing the page. A notebook of 500 cells that all change in one worker
 * pass (or all appear when it opens) would otherwise re-render every cell in one task: seconds with no
 * input, no paint. Elements ask here before they update; while the current task has spent less than the
 * budget, an update runs at once (a small notebook behaves exactly as without this), and past it, it is
 * queued and run in later tasks, a budget's worth at a time, cells near the viewport first.
 */

/** Rendering time one task may spend before the rest waits for the next: well under the 50 ms of a long task. */
export const SLICE_BUDGET_MS = 8;

/** Something that can be updated later: a cell element, in practice. */
export interface SliceHost {
  /** Whether it is on screen or close to it, so its update goes first. */
  readonly nearViewport: boolean;
  /** Marks the host while its update waits (tests and styles can see that its view is not current). */
  toggleAttribute(name: string, force: boolean): unknown;
}

interface Waiting {
  readonly host: SliceHost;
  readonly run: () => void;
  readonly done: () => void;
}

export interface RenderSlicesOptions {
  readonly budgetMs?: number;
  readonly now?: () => number;
  /** Runs `task` in a later task (not a microtask: the browser must get to paint and take input between). */
  readonly later?: (task: () => void) => void;
}

/** Set on a host whose update is queued. */
export const QUEUED_ATTRIBUTE = 'data-render-queued';

export class RenderSlices {
  readonly #later: (task: () => void) => void;
  /**
   * The slice lasts until this task ends (microtasks included: the updates of elements inside the ones
   * just rendered count against it too); a later task starts a fresh one.
   */
  readonly #slice: TaskSlice;
  #queue: Waiting[] = [];
  #drainScheduled = false;
  /**
   * Off, every update runs at once, exactly as Lit schedules it. The notebook turns slicing on only when it
   * is long (SLICED_FROM cells): a short notebook renders in well under a long task anyway, and its updates
   * then keep Lit's own ordering, which the keyboard and focus handling were built and tested on.
   */
  enabled = true;

  constructor(options: RenderSlicesOptions = {}) {
    this.#later = options.later ?? nextTask;
    this.#slice = new TaskSlice(
      options.budgetMs ?? SLICE_BUDGET_MS,
      options.now ?? (() => performance.now()),
      this.#later,
    );
  }

  /** How many updates wait for a later task. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Runs `update` now when this task still has budget (returns undefined), else queues it and returns a
   * promise that settles once it has run.
   */
  schedule(host: SliceHost, update: () => void): Promise<void> | undefined {
    this.#slice.open();
    if (this.#queue.length === 0 && (!this.enabled || !this.#slice.spent)) {
      update();
      return undefined;
    }
    return new Promise<void>((done) => {
      host.toggleAttribute(QUEUED_ATTRIBUTE, true);
      this.#queue.push({ host, run: update, done });
      this.#scheduleDrain();
    });
  }

  #scheduleDrain(): void {
    if (this.#drainScheduled) return;
    this.#drainScheduled = true;
    this.#later(() => this.#drain());
  }

  /** One budget's worth of queued updates, those near the viewport first; the rest in another task. */
  #drain(): void {
    this.#drainScheduled = false;
    this.#slice.restart();
    const waiting = nearFirst(this.#queue);
    this.#queue = [];
    let next = 0;
    // At least one per task, so a single update over the budget still makes progress.
    do {
      const { host, run, done } = waiting[next++] as Waiting;
      host.toggleAttribute(QUEUED_ATTRIBUTE, false);
      try {
        run();
      } finally {
        done();
      }
    } while (next < waiting.length && !this.#slice.spent);
    // Updates queued while these ran go after the ones that were already waiting.
    this.#queue = [...waiting.slice(next), ...this.#queue];
    if (this.#queue.length > 0) this.#scheduleDrain();
  }
}

function nearFirst(queue: readonly Waiting[]): Waiting[] {
  const near = queue.filter((w) => w.host.nearViewport);
  if (near.length === 0 || near.length === queue.length) return [...queue];
  return [...near, ...queue.filter((w) => !w.host.nearViewport)];
}

/** What flushNestedUpdates needs of a Lit element (performUpdate is protected in its types, public in fact). */
interface PendingUpdate {
  readonly isUpdatePending?: boolean;
  performUpdate?: () => void;
}

/**
 * Runs the pending first renders and updates of the Lit elements inside `root` now, depth first, rather
 * than in the microtasks after it: then the time a cell's update takes, measured against the slice budget,
 * includes its feature maps and controls (which otherwise cost more than the cell itself, unmeasured).
 */
export function flushNestedUpdates(root: ParentNode): void {
  for (const element of root.querySelectorAll('*')) {
    const nested = element as Element & PendingUpdate;
    if (nested.isUpdatePending === true && typeof nested.performUpdate === 'function') nested.performUpdate();
    if (element.shadowRoot) flushNestedUpdates(element.shadowRoot);
  }
}

/** Tasks waiting for nextTask's channel, in order: one message (so one task) each. */
const laterTasks: (() => void)[] = [];
let channel: MessageChannel | undefined;

/**
 * Runs `task` in a later task of its own. A MessageChannel is not clamped the way nested timeouts are;
 * one channel serves every call, as making a channel per call costs more than the work it schedules.
 */
export function nextTask(task: () => void): void {
  if (channel === undefined) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => laterTasks.shift()?.();
  }
  laterTasks.push(task);
  channel.port2.postMessage(undefined);
}

/** The page's one scheduler, shared by every cell so their budgets add up. */
export const renderSlices = new RenderSlices();
