import type { CellValue } from '../cell-value';
import { formatProblem } from '../document/document-error';
import type { CellKind, ComputeContext, GraphView } from '../kinds/define-cell-kind';
import { findCellKind } from '../kinds/registry';
import type { CellError, CellState } from './cell-state';
import type { NotebookGraph } from './graph';
import { describeSource, describeValueTypes } from './value-names';

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
  running?: { readonly version: number; readonly controller: AbortController };
}

type Prepared =
  | { readonly state: CellState }
  | {
      readonly kind: CellKind;
      readonly inputs: Record<string, CellValue | undefined>;
      readonly params: Readonly<Record<string, unknown>>;
    };

export class Scheduler {
  #graph: NotebookGraph;
  readonly #publish: (states: ReadonlyMap<string, CellState>) => void;
  readonly #states = new Map<string, CellState>();
  readonly #records = new Map<string, CellRecord>();
  readonly #dirty = new Set<string>();
  #flushQueued = false;
  #disposed = false;
  #idleWaiters: (() => void)[] = [];

  constructor(graph: NotebookGraph, publish: (states: ReadonlyMap<string, CellState>) => void) {
    this.#graph = graph;
    this.#publish = publish;
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
    for (const [id, record] of this.#records) {
      if (graph.cells.has(id)) continue;
      record.running?.controller.abort();
      this.#records.delete(id);
      this.#states.delete(id);
      this.#dirty.delete(id);
      for (const dependent of previous.dependentsOf(id)) this.#dirty.add(dependent);
    }
    for (const id of graph.cells.keys()) {
      if (!this.#records.has(id)) {
        this.#records.set(id, { version: 0 });
        this.#states.set(id, { status: 'pending', version: 0 });
        this.#dirty.add(id);
      } else if ((previous.cycleOf(id)?.message ?? '') !== (graph.cycleOf(id)?.message ?? '')) {
        this.#dirty.add(id); // joined, left or changed a cycle
      }
    }
    for (const id of changed) if (graph.cells.has(id)) this.#dirty.add(id);
    this.#graph = graph;
    this.#queueFlush();
  }

  get states(): ReadonlyMap<string, CellState> {
    return this.#snapshot();
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
  } {
    const running = [...this.#records.values()].filter((r) => r.running !== undefined).length;
    return {
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
    this.#resolveIdle();
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
    const affected = this.#graph.downstreamOf(this.#dirty);
    this.#dirty.clear();
    for (const id of this.#graph.order) if (affected.has(id)) this.#evaluate(id);
    this.#publish(this.#snapshot());
    if (this.#isIdle()) this.#resolveIdle();
  }

  #evaluate(id: string): void {
    const record = this.#records.get(id) as CellRecord;
    const version = ++record.version;
    if (record.running !== undefined) {
      // Stale: stop it; #settle reruns this cell with the latest inputs once the old computation has ended.
      record.running.controller.abort();
      this.#states.set(id, { status: 'pending', version });
      return;
    }
    const prepared = this.#prepare(id, version);
    if ('state' in prepared) {
      this.#states.set(id, prepared.state);
      return;
    }
    this.#run(id, record, version, prepared.kind, prepared.inputs, prepared.params);
  }

  /** Everything that can fail before compute: cycles, parameters, missing or failed or mistyped inputs. */
  #prepare(id: string, version: number): Prepared {
    const fail = (error: CellError): Prepared => ({ state: { status: 'error', version, error } });
    const cell = this.#graph.cells.get(id);
    const kind = cell === undefined ? undefined : findCellKind(cell.kind);
    if (cell === undefined || kind === undefined) return fail({ message: `unknown kind "${cell?.kind}"` });
    const cycle = this.#graph.cycleOf(id);
    if (cycle !== undefined) return fail({ message: cycle.message });

    const path = `cells[${this.#graph.positions.get(id)}].params`;
    const parsed = kind.parseParams(cell.params ?? {}, path);
    if ('problems' in parsed) {
      return fail({ message: parsed.problems.map(formatProblem).join('; '), path: parsed.problems[0]?.path });
    }
    for (const slot of Object.keys(cell.inputs ?? {})) {
      if (!Object.hasOwn(kind.inputs, slot)) return fail({ message: `unknown input slot "${slot}"` });
    }
    const inputs: Record<string, CellValue | undefined> = {};
    for (const [slot, spec] of Object.entries(kind.inputs)) {
      const source = cell.inputs?.[slot];
      if (source === undefined) {
        if (spec.optional) continue;
        return fail({ message: `input "${slot}" is not connected` });
      }
      const sourceCell = this.#graph.cells.get(source);
      if (sourceCell === undefined)
        return fail({ message: `input "${slot}" refers to missing cell "${source}"` });
      const state = this.#states.get(source);
      if (state === undefined || state.status === 'pending') return { state: { status: 'pending', version } };
      if (state.status === 'error') {
        const upstream = state.error.upstream ?? source;
        return fail({ message: `upstream error in ${upstream}`, upstream });
      }
      if (!spec.accepts.includes(state.value.type)) {
        const got = describeSource(sourceCell.kind, state.value.type);
        return fail({
          message: `input "${slot}" expects ${describeValueTypes(spec.accepts)}, got ${got} (cell "${source}")`,
        });
      }
      inputs[slot] = state.value;
    }
    try {
      const problem = kind.validateInputs(inputs, parsed.params);
      if (problem !== undefined) return fail({ message: problem });
    } catch (error) {
      return fail({ message: messageOf(error) });
    }
    return { kind, inputs, params: parsed.params };
  }

  #run(
    id: string,
    record: CellRecord,
    version: number,
    kind: CellKind,
    inputs: Record<string, CellValue | undefined>,
    params: Readonly<Record<string, unknown>>,
  ): void {
    const controller = new AbortController();
    const context: ComputeContext = {
      cellId: id,
      signal: controller.signal,
      progress: (done, total, partial) => {
        if (this.#disposed || record.version !== version || this.#records.get(id) !== record) return;
        this.#states.set(id, { status: 'pending', version, progress: { done, total, partial } });
        this.#queueFlush();
      },
      graph: this.#viewFrom(id),
    };
    // Pending before compute starts, so progress reported synchronously inside compute is kept.
    this.#states.set(id, { status: 'pending', version });
    const started = performance.now();
    let result: CellValue | Promise<CellValue>;
    try {
      result = kind.compute(inputs, params, context);
    } catch (error) {
      this.#states.set(id, { status: 'error', version, error: { message: messageOf(error) } });
      return;
    }
    if (!(result instanceof Promise)) {
      this.#states.set(id, { status: 'ok', version, value: result, ms: performance.now() - started });
      return;
    }
    record.running = { version, controller };
    result.then(
      (value) =>
        this.#settle(id, record, version, { status: 'ok', version, value, ms: performance.now() - started }),
      (error) =>
        this.#settle(id, record, version, { status: 'error', version, error: { message: messageOf(error) } }),
    );
  }

  #settle(id: string, record: CellRecord, version: number, state: CellState): void {
    record.running = undefined;
    if (this.#disposed || this.#records.get(id) !== record) {
      if (this.#isIdle()) this.#resolveIdle();
      return;
    }
    if (record.version === version) {
      this.#states.set(id, state);
      for (const dependent of this.#graph.dependentsOf(id)) this.#dirty.add(dependent);
    } else {
      this.#dirty.add(id); // the result is stale and dropped; compute again with the latest inputs
    }
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
    const snapshot = new Map<string, CellState>();
    for (const id of this.#graph.cells.keys()) {
      const state = this.#states.get(id);
      if (state !== undefined) snapshot.set(id, state);
    }
    return snapshot;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
