import type { ParallelConv } from '@convbook/core';
import {
  defer,
  distinctUntilChanged,
  filter,
  map,
  Observable,
  type OperatorFunction,
  Subject,
  startWith,
} from 'rxjs';
import { applyEdit, cellsToRecompute, sameWiring } from '../document/apply-edit';
import { DocumentError } from '../document/document-error';
import type { CellSpec, NotebookDocument } from '../document/notebook-document';
import type { NotebookEdit } from '../document/notebook-edit';
import type { CellKind } from '../kinds/define-cell-kind';
import { findCellKind } from '../kinds/registry';
import type { CellState, StateBatch } from './cell-state';
import { NotebookGraph } from './graph';
import { Scheduler } from './scheduler';

export interface NotebookOptions {
  /** Where cells' kinds are looked up: the registry unless a bench or test brings kinds of its own. */
  readonly findKind?: (kind: string) => CellKind | undefined;
  /** Lets big convs use other cores (see ComputeContext.parallel); the caller owns and closes it. */
  readonly parallel?: ParallelConv | undefined;
  /** Bytes all cells' values may hold together (default DEFAULT_MEMORY_BUDGET, 1 GB); see memory-budget.ts. */
  readonly memoryBudget?: number | undefined;
}

/**
 * A live notebook: the current document plus the state of every cell. Edits (`apply`, through the same
 * reducer the page uses) replace the document with a new immutable snapshot; the scheduler recomputes the
 * changed cells and everything downstream in one glitch-free pass and publishes that pass's changed states
 * together, as one batch on `passes$`. `state$(id)` is that stream narrowed to one cell.
 */
export class Notebook {
  readonly #passes = new Subject<StateBatch>();
  /** One batch per scheduler pass: the states that changed in it (`undefined` for a removed cell). */
  readonly passes$: Observable<StateBatch> = this.#passes.asObservable();
  readonly #scheduler: Scheduler;
  #graph: NotebookGraph;
  #document: NotebookDocument;
  #disposed = false;
  #liveSubscriptions = 0;

  /** `document` must already be validated (parseNotebook). */
  static fromDocument(document: NotebookDocument, options: NotebookOptions = {}): Notebook {
    return new Notebook(document, options.findKind ?? findCellKind, options.parallel, options.memoryBudget);
  }

  private constructor(
    document: NotebookDocument,
    findKind: (kind: string) => CellKind | undefined,
    parallel: ParallelConv | undefined,
    memoryBudget?: number,
  ) {
    this.#document = document;
    this.#graph = new NotebookGraph(document.cells);
    this.#scheduler = new Scheduler(
      this.#graph,
      (changed, states) => this.#passes.next(new Map([...changed].map((id) => [id, states.get(id)]))),
      findKind,
      parallel,
      memoryBudget,
    );
  }

  get document(): NotebookDocument {
    return this.#document;
  }

  /** The state of one cell: replays the current one, then each change. Completes on dispose. */
  state$(id: string): Observable<CellState> {
    const cellState = this.#passes.pipe(
      filter((batch) => batch.has(id)),
      map((batch) => batch.get(id)),
      // A removed cell delivers nothing; a cell added again under the same id reaches its watchers again.
      filter((state): state is CellState => state !== undefined),
    );
    return defer(() => {
      const current = this.#scheduler.publishedState(id);
      return current === undefined ? cellState : cellState.pipe(startWith(current));
    }).pipe(distinctUntilChanged(), this.#counted());
  }

  states(): ReadonlyMap<string, CellState> {
    return this.#scheduler.states;
  }

  /** Applies one edit. Throws DocumentError (the document unchanged) for an edit the reducer refuses. */
  apply(edit: NotebookEdit): void {
    this.#checkOpen();
    const next = applyEdit(this.#document, edit);
    if (next === this.#document) return;
    const wiringKept = sameWiring(this.#document, next);
    const changed = cellsToRecompute(this.#document, next);
    this.#document = next;
    // Editing params or a title leaves the wiring alone: the graph keeps its order instead of re-sorting.
    this.#graph = new NotebookGraph(next.cells, wiringKept ? this.#graph : undefined);
    this.#scheduler.update(this.#graph, changed);
  }

  /** Shallow-merges `patch` into the cell's params; `undefined` deletes a key. Invalid values error the cell. */
  setParams(id: string, patch: Readonly<Record<string, unknown>>): void {
    this.apply({ op: 'setParams', id, patch });
  }

  /** Rewires input slots (merged into the existing ones). A missing target errors the cell, not the call. */
  setInputs(id: string, inputs: Readonly<Record<string, string>>): void {
    this.apply({ op: 'setInputs', id, inputs });
  }

  setTitle(title: string): void {
    this.apply({ op: 'setTitle', title });
  }

  setCellTitle(id: string, title?: string): void {
    this.apply(title === undefined ? { op: 'setCellTitle', id } : { op: 'setCellTitle', id, title });
  }

  /** Inserts a cell (at the end by default). Throws DocumentError on a bad spec or a duplicate id. */
  addCell(spec: CellSpec, index?: number): void {
    this.apply(index === undefined ? { op: 'addCell', spec } : { op: 'addCell', spec, index });
  }

  removeCell(id: string): void {
    this.apply({ op: 'removeCell', id });
  }

  moveCell(id: string, index: number): void {
    this.apply({ op: 'moveCell', id, index });
  }

  /** Swaps in another validated document (undo/redo); only cells whose kind, inputs or params differ recompute. */
  replaceDocument(document: NotebookDocument): void {
    this.apply({ op: 'replaceDocument', document });
  }

  /** Computes an on-demand cell (see RunsOn) with its current inputs; any other cell just recomputes. */
  run(id: string): void {
    this.#scheduler.run(this.#cellId(id));
  }

  /** Stops a running cell: its compute sees the abort and returns its best result so far. */
  stop(id: string): void {
    this.#scheduler.stop(this.#cellId(id));
  }

  /** Puts an on-demand cell back to idle and forgets its last value. */
  reset(id: string): void {
    this.#scheduler.reset(this.#cellId(id));
  }

  whenIdle(): Promise<void> {
    return this.#scheduler.whenIdle();
  }

  /** Sizes of internal tables and live subscriptions, for leak tests and diagnostics. */
  get internalSizes(): Readonly<Record<string, number>> {
    return { ...this.#scheduler.internalSizes, liveSubscriptions: this.#liveSubscriptions };
  }

  /** Aborts running computations and completes every stream. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#scheduler.dispose();
    this.#passes.complete();
  }

  /** Counts the subscriptions of `state$`, so a leak test can see that none are left behind. */
  #counted<T>(): OperatorFunction<T, T> {
    return (source) =>
      new Observable<T>((subscriber) => {
        this.#liveSubscriptions++;
        const subscription = source.subscribe(subscriber);
        return () => {
          this.#liveSubscriptions--;
          subscription.unsubscribe();
        };
      });
  }

  #cellId(id: string): string {
    this.#checkOpen();
    if (!this.#graph.cells.has(id)) {
      throw new DocumentError([{ path: 'cells', message: `there is no cell "${id}" in this notebook` }]);
    }
    return id;
  }

  #checkOpen(): void {
    if (this.#disposed) throw new Error('this notebook has been disposed');
  }
}
