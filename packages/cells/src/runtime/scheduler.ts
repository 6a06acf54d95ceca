import type { ParallelConv } from '@convbook/core';
import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import type { CellKind, GraphView, LastCompute } from '../kinds/define-cell-kind';
import type { CellState } from './cell-state';
import type { NotebookGraph } from './graph';
import { MemoryBudget, StateTable, valueBytes } from './memory-budget';
import { type Call, messageOf, prepareCall } from './prepare-call';
import { RunContext, type RunHost } from './run-context';

/**
 * Recomputes cells. Edits mark cells dirty; one pass, run in a microtask so edits made in the same tick
 * coalesce, walks the graph in topological order and evaluates every dirty cell and everything downstream
 * of it exactly once, then publishes all states together. A diamond therefore never sees a mix of old and
 * new inputs. Each cell carries a version, bumped whenever a pass reaches it; an async result computed for
 * an older version is dropped. A cell has at most one computation in flight: a stale one is aborted, and the
 * cell reruns with the latest inputs once it has stopped, so a burst of edits never builds a queue.
 */

interface CellRecord {
  version: number;
  running?: { readonly version: number; readonly controller: AbortController } | undefined;
  /** On-demand cells only: a run was asked for and has not started (its inputs may still be computing). */
  requested?: boolean;
  /** On-demand cells only: the last run's ok state, kept (marked stale) when inputs change afterwards. */
  lastOk?: OkState | undefined;
  /** On-demand cells only: reset while running, so the run's result is thrown away. */
  discardRun?: boolean;
  /** Other cells: the last successful compute, for the next compute of the same kind (LastCompute). */
  last?: Remembered | undefined;
}

/** A compute as the scheduler remembers it: which kind ran, on what. */
interface Remembered {
  readonly kind: CellKind;
  readonly compute: LastCompute;
}

type OkState = Extract<CellState, { status: 'ok' }>;

/**
 * Hands one pass's result to the readers: `changed` holds every cell whose state was replaced (or removed)
 * since the last publish; `states` is the live table, to be read during the call and not kept.
 */
export type PublishStates = (changed: ReadonlySet<string>, states: ReadonlyMap<string, CellState>) => void;

export class Scheduler {
  #graph: NotebookGraph;
  readonly #publish: PublishStates;
  readonly #findKind: (kind: string) => CellKind | undefined;
  /** In document order, so that `states` (a snapshot for callers) is a plain copy; it counts live bytes. */
  #states = new StateTable();
  readonly #budget: MemoryBudget;
  readonly #records = new Map<string, CellRecord>();
  readonly #dirty = new Set<string>();
  /**
   * Cells whose state changed between passes (settled, progressed, added, removed), each with the state it
   * had when last published: they are published with the next pass, and until then readers see the old one.
   */
  readonly #unpublished = new Map<string, CellState | undefined>();
  /**
   * Each spec's parsed params, once they and its input slot names have passed: specs are immutable and an
   * edit makes a new one, so a spec is checked once, not on every pass.
   */
  readonly #checkedParams = new WeakMap<CellSpec, Readonly<Record<string, unknown>>>();
  #flushQueued = false;
  /** A computation settled (its state is among the unpublished) since the last pass. */
  #settledSincePass = false;
  #disposed = false;
  #idleWaiters: (() => void)[] = [];
  // One host for every computation, so a run allocates no closures of its own.
  readonly #host: RunHost = {
    reportProgress: ({ cellId, version, record }, done, total, partial) => {
      const current = this.#records.get(cellId);
      if (this.#disposed || current !== record || current.version !== version) return;
      this.#touch(cellId);
      this.#states.set(cellId, { status: 'pending', version, progress: { done, total, partial } });
      this.#queueFlush();
    },
    viewFrom: (id) => this.#viewFrom(id),
  };

  constructor(
    graph: NotebookGraph,
    publish: PublishStates,
    findKind: (kind: string) => CellKind | undefined,
    parallel?: ParallelConv,
    memoryBudget?: number,
  ) {
    this.#graph = graph;
    this.#budget = new MemoryBudget(memoryBudget);
    if (parallel !== undefined) this.#host.parallel = parallel;
    this.#publish = publish;
    this.#findKind = findKind;
    for (const id of graph.cells.keys()) {
      this.#records.set(id, { version: 0 });
      this.#states.set(id, { status: 'pending', version: 0 });
      this.#dirty.add(id);
    }
    this.#queueFlush();
  }

  /** Swaps in the graph of an edited document; `changed` cells recompute with everything downstream. */
  update(graph: NotebookGraph, changed: Iterable<string>): void {
    const previous = this.#graph;
    // An edit of params or titles keeps the wiring: no cell came, went, or joined or left a cycle.
    if (!graph.sharesWiringWith(previous)) {
      for (const [id, record] of this.#records) {
        if (graph.cells.has(id)) continue;
        record.running?.controller.abort();
        this.#records.delete(id);
        this.#touch(id);
        this.#states.delete(id);
        this.#dirty.delete(id);
        for (const dependent of previous.dependentsOf(id)) this.#dirty.add(dependent);
      }
      for (const id of graph.cells.keys()) {
        if (!this.#records.has(id)) {
          this.#records.set(id, { version: 0 });
          this.#touch(id);
          this.#states.set(id, { status: 'pending', version: 0 });
          this.#dirty.add(id);
        } else if ((previous.cycleOf(id)?.message ?? '') !== (graph.cycleOf(id)?.message ?? '')) {
          this.#dirty.add(id); // joined, left or changed a cycle
        }
      }
      this.#states = this.#inOrderOf(graph);
    }
    for (const id of changed) if (graph.cells.has(id)) this.#dirty.add(id);
    this.#graph = graph;
    this.#queueFlush();
  }

  get states(): ReadonlyMap<string, CellState> {
    return this.#snapshot();
  }

  /** The state of `id` as last published (undefined if it never was, or was removed since). */
  publishedState(id: string): CellState | undefined {
    return this.#unpublished.has(id) ? this.#unpublished.get(id) : this.#states.get(id);
  }

  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sizes of internal tables, so tests can check that nothing accumulates. */
  get internalSizes(): {
    records: number;
    states: number;
    dirty: number;
    running: number;
    idleWaiters: number;
    remembered: number;
  } {
    const records = [...this.#records.values()];
    const running = records.filter((r) => r.running !== undefined).length;
    return {
      remembered: records.filter((r) => r.last !== undefined).length,
      records: this.#records.size,
      states: this.#states.size,
      dirty: this.#dirty.size,
      running,
      idleWaiters: this.#idleWaiters.length,
    };
  }

  dispose(): void {
    this.#disposed = true;
    for (const record of this.#records.values()) record.running?.controller.abort();
    this.#records.clear();
    this.#states.clear();
    this.#dirty.clear();
    this.#unpublished.clear();
    this.#resolveIdle();
  }

  /** Call before replacing or deleting a cell's state outside a pass: remembers what readers last saw. */
  #touch(id: string): void {
    if (!this.#unpublished.has(id)) this.#unpublished.set(id, this.#states.get(id));
  }

  #queueFlush(): void {
    if (this.#flushQueued || this.#disposed) return;
    this.#flushQueued = true;
    queueMicrotask(() => this.#flush());
  }

  // The one scheduler pass: evaluate the dirty cells and their downstream in topological order, publish once.
  #flush(): void {
    this.#flushQueued = false;
    if (this.#disposed) return;
    for (const id of this.#budget.retryable(this.#states)) this.#dirty.add(id);
    // A result that settled goes out before the cells downstream of it compute, in a pass of its own: the
    // page paints a conv's maps while the pool after it runs here, instead of after. Those cells are still
    // pending (they waited on it) until the pass below publishes them.
    if (this.#settledSincePass && this.#dirty.size > 0) this.#publishUnpublished(new Set());
    this.#settledSincePass = false;
    const affected = this.#graph.downstreamOf(this.#dirty);
    this.#dirty.clear();
    for (const id of this.#graph.order) if (affected.has(id)) this.#evaluate(id);
    // Every evaluated cell got a new state; so did the unpublished ones.
    this.#publishUnpublished(affected);
    if (this.#isIdle()) this.#resolveIdle();
  }

  /**
   * Publishes `evaluated` and the cells whose state changed since the last pass. Only these: no copy of the
   * whole table per pass, and readers of unchanged cells are not woken.
   */
  #publishUnpublished(evaluated: Set<string>): void {
    for (const id of this.#unpublished.keys()) evaluated.add(id);
    this.#unpublished.clear();
    this.#publish(evaluated, this.#states);
  }

  #evaluate(id: string): void {
    const record = this.#records.get(id) as CellRecord;
    const version = ++record.version;
    // Every evaluation takes the last compute away: the run below is handed it, and a cell that fails
    // here (or is skipped) holds no tensors it no longer shows.
    const last = record.last;
    record.last = undefined;
    if (record.running !== undefined) {
      // Stale: stop it; #settle reruns this cell with the latest inputs once the old computation has ended
      // (an on-demand cell instead keeps what the stopped run returned, marked stale).
      record.running.controller.abort();
      this.#states.set(id, { status: 'pending', version });
      return;
    }
    if (this.#runsOnDemand(id) && record.requested !== true) {
      this.#states.set(id, restingState(record, version));
      return;
    }
    const prepared = prepareCall(this.#graph.cells.get(id), version, {
      graph: this.#graph,
      states: this.#states,
      findKind: this.#findKind,
      checkedParams: this.#checkedParams,
    });
    if ('state' in prepared) {
      this.#states.set(id, prepared.state);
      // A run asked for while inputs compute waits for them; one that cannot start at all is answered.
      if (prepared.state.status !== 'pending') record.requested = false;
      return;
    }
    record.requested = false;
    this.#run(id, record, version, prepared, last?.kind === prepared.kind ? last.compute : undefined);
  }

  /** Asks an on-demand cell to compute (any other cell simply recomputes). Ignored while it runs. */
  run(id: string): void {
    const record = this.#records.get(id);
    if (record === undefined || record.running !== undefined) return;
    record.requested = true;
    this.#dirty.add(id);
    this.#queueFlush();
  }

  /** Stops a running cell through its AbortSignal; the value it returns then becomes its state. */
  stop(id: string): void {
    const record = this.#records.get(id);
    if (record === undefined) return;
    if (record.running !== undefined) {
      record.running.controller.abort();
      return;
    }
    if (record.requested !== true) return;
    record.requested = false; // waiting for its inputs: it goes back to rest
    this.#dirty.add(id);
    this.#queueFlush();
  }

  /** Puts an on-demand cell back to idle, forgetting its last value (a run in flight is thrown away). */
  reset(id: string): void {
    const record = this.#records.get(id);
    if (record === undefined) return;
    record.lastOk = undefined;
    record.requested = false;
    if (record.running !== undefined) {
      record.discardRun = true;
      record.running.controller.abort();
      return;
    }
    this.#dirty.add(id);
    this.#queueFlush();
  }

  #runsOnDemand(id: string): boolean {
    const cell = this.#graph.cells.get(id);
    return cell !== undefined && this.#findKind(cell.kind)?.runsOn === 'demand';
  }

  #run(id: string, record: CellRecord, version: number, call: Call, lastCompute?: LastCompute): void {
    const { kind, inputs, params } = call;
    const need = estimateBytes(kind, inputs, params);
    const refused = this.#budget.refuse(id, need, this.#states);
    if (refused !== undefined) {
      this.#states.set(id, { status: 'error', version, error: { message: refused } });
      return;
    }
    const earlier = kind.runsOn === 'demand' ? { previous: record.lastOk?.value } : { lastCompute };
    const context = new RunContext(this.#host, id, version, record, earlier);
    const started = performance.now();
    let result: CellValue | Promise<CellValue>;
    try {
      result = kind.compute(inputs, params, context);
    } catch (error) {
      this.#states.set(id, { status: 'error', version, error: { message: messageOf(error) } });
      return;
    }
    if (!(result instanceof Promise)) {
      const state = this.#withinBudget(id, {
        status: 'ok',
        version,
        value: result,
        ms: performance.now() - started,
      });
      if (kind.runsOn === 'demand' && state.status === 'ok') record.lastOk = state;
      else remember(record, call, state);
      this.#states.set(id, state);
      return;
    }
    record.running = { version, controller: context.controller };
    this.#budget.reserve(id, need);
    // Pending while it runs, unless progress reported during the synchronous part already said so.
    if (this.#states.get(id)?.version !== version) this.#states.set(id, { status: 'pending', version });
    const settle = (state: CellState) => this.#settle(id, record, version, state, call);
    result.then(
      (value) => settle({ status: 'ok', version, value, ms: performance.now() - started }),
      (error) => settle({ status: 'error', version, error: { message: messageOf(error) } }),
    );
  }

  #settle(id: string, record: CellRecord, version: number, state: CellState, call: Call): void {
    record.running = undefined;
    this.#budget.release(id);
    if (this.#disposed || this.#records.get(id) !== record) {
      if (this.#isIdle()) this.#resolveIdle();
      return;
    }
    if (this.#runsOnDemand(id)) {
      this.#settleOnDemand(id, record, version, this.#withinBudget(id, state));
      return;
    }
    if (record.version === version) {
      const checked = this.#withinBudget(id, state);
      remember(record, call, checked);
      this.#touch(id);
      this.#states.set(id, checked);
      this.#settledSincePass = true;
      for (const dependent of this.#graph.dependentsOf(id)) this.#dirty.add(dependent);
    } else {
      // The result is stale and dropped; compute again with the latest inputs. It is still a true compute
      // of the inputs it had, so the rerun (next pass) may reuse it.
      remember(record, call, state);
      this.#dirty.add(id);
    }
    this.#queueFlush();
  }

  /** A result the budget cannot hold (its kind could not estimate it) is dropped for an error. */
  #withinBudget<S extends CellState>(id: string, state: S): S | CellState {
    if (state.status !== 'ok') return state;
    const refused = this.#budget.refuse(id, valueBytes(state.value), this.#states);
    return refused === undefined
      ? state
      : { status: 'error', version: state.version, error: { message: refused } };
  }

  /**
   * An on-demand run ended: its value is kept even when the inputs changed meanwhile (that stopped it), as
   * a stale value, since rerunning by itself is exactly what such a cell must not do.
   */
  #settleOnDemand(id: string, record: CellRecord, runVersion: number, state: CellState): void {
    const discarded = record.discardRun === true;
    record.discardRun = false;
    if (!discarded && state.status === 'ok') record.lastOk = state;
    let next: CellState;
    if (discarded) next = { status: 'idle', version: record.version };
    else if (record.version === runVersion) next = state;
    else next = restingState(record, record.version);
    this.#touch(id);
    this.#states.set(id, next);
    for (const dependent of this.#graph.dependentsOf(id)) this.#dirty.add(dependent);
    this.#queueFlush();
  }

  /** Read access to `id`'s own spec and the cells upstream of it, for kinds that walk the graph (grad, stats). */
  #viewFrom(id: string): GraphView {
    const graph = this.#graph;
    let upstream: Set<string> | undefined;
    const isUpstream = (other: string): boolean => {
      upstream ??= graph.upstreamOf(id);
      return upstream.has(other);
    };
    return {
      // The cell itself is visible too, so a kind can read its own wiring (which cell feeds each slot).
      cell: (other) => (other === id || isUpstream(other) ? graph.cells.get(other) : undefined),
      value: (other) => {
        const state = isUpstream(other) ? this.#states.get(other) : undefined;
        return state?.status === 'ok' ? state.value : undefined;
      },
    };
  }

  #snapshot(): ReadonlyMap<string, CellState> {
    return new Map(this.#states);
  }

  #inOrderOf(graph: NotebookGraph): StateTable {
    const ordered = new StateTable();
    for (const id of graph.cells.keys()) {
      const state = this.#states.get(id);
      if (state !== undefined) ordered.set(id, state);
    }
    return ordered;
  }

  #isIdle(): boolean {
    if (this.#disposed) return true;
    if (this.#flushQueued || this.#dirty.size > 0) return false;
    for (const record of this.#records.values()) if (record.running !== undefined) return false;
    return true;
  }

  #resolveIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The kind's estimate of its output's bytes, from shapes alone; 0 when it has none (checked after). */
function estimateBytes(
  kind: CellKind,
  inputs: Record<string, CellValue | undefined>,
  params: Readonly<Record<string, unknown>>,
): number {
  try {
    return kind.estimateBytes?.(inputs, params) ?? 0;
  } catch {
    return 0; // an estimate that cannot be made is the compute's to report, in its own words
  }
}

/** Keeps a successful compute for the cell's next one (see LastCompute); a failed one leaves nothing. */
function remember(record: CellRecord, { kind, inputs, params }: Call, state: CellState): void {
  if (state.status === 'ok') record.last = { kind, compute: { inputs, params, value: state.value } };
}

/** An on-demand cell that is not running: idle before its first run, else its last value marked stale. */
function restingState(record: CellRecord, version: number): CellState {
  return record.lastOk === undefined
    ? { status: 'idle', version }
    : { ...record.lastOk, version, stale: true };
}
