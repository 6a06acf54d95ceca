import type { ParallelConv } from '@convbook/core';
import { BehaviorSubject, type Observable } from 'rxjs';
import { DocumentError } from '../document/document-error';
import { MAX_CELLS, MAX_TITLE_LENGTH } from '../document/limits';
import type { CellSpec, NotebookDocument } from '../document/notebook-document';
import { copyCell, validateCellSpec } from '../document/validate-notebook';
import type { CellKind } from '../kinds/define-cell-kind';
import { findCellKind } from '../kinds/registry';
import { CellChannels } from './cell-channels';
import type { CellState } from './cell-state';
import { deepEqual } from './deep-equal';
import { NotebookGraph } from './graph';
import { Scheduler } from './scheduler';

export interface NotebookOptions {
  /** Where cells' kinds are looked up: the registry unless a bench or test brings kinds of its own. */
  readonly findKind?: (kind: string) => CellKind | undefined;
  /** Lets big convs use other cores (see ComputeContext.parallel); the caller owns and closes it. */
  readonly parallel?: ParallelConv;
  /** Bytes all cells' values may hold together (default DEFAULT_MEMORY_BUDGET, 1 GB); see memory-budget.ts. */
  readonly memoryBudget?: number;
}

/**
 * A live notebook: the current document plus the state of every cell. Edits replace the document with a
 * new immutable snapshot and tell the scheduler which cells changed; the scheduler recomputes them and
 * everything downstream in one pass and publishes the states together. Readers subscribe to `state$(id)`.
 */
export class Notebook {
  readonly document$: Observable<NotebookDocument>;
  readonly #document$: BehaviorSubject<NotebookDocument>;
  readonly #channels = new CellChannels((id) => this.#scheduler.publishedState(id));
  readonly #scheduler: Scheduler;
  #graph: NotebookGraph;
  #document: NotebookDocument;
  #disposed = false;

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
    this.#document$ = new BehaviorSubject(document);
    this.document$ = this.#document$.asObservable();
    this.#graph = new NotebookGraph(document.cells);
    this.#scheduler = new Scheduler(
      this.#graph,
      (changed, states) => this.#channels.publish(changed, states),
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
    return this.#channels.watch(id);
  }

  states(): ReadonlyMap<string, CellState> {
    return this.#scheduler.states;
  }

  /** Shallow-merges `patch` into the cell's params; `undefined` deletes a key. Invalid values error the cell. */
  setParams(id: string, patch: Readonly<Record<string, unknown>>): void {
    const cell = this.#cell(id);
    // Built through a Map and fromEntries so no key can replace the prototype of the params object; an own
    // "__proto__" key (JSON.parse makes those) can never name a parameter, so it is dropped.
    const merged = new Map(Object.entries(cell.params ?? {}));
    for (const [key, value] of Object.entries(patch)) {
      if (key === '__proto__') continue;
      if (value === undefined) merged.delete(key);
      else merged.set(key, structuredClone(value));
    }
    const params: Record<string, unknown> = Object.fromEntries(merged);
    if (deepEqual(params, cell.params ?? {})) return;
    this.#replaceCell({ ...cell, params }, [id]);
  }

  /** Rewires input slots (merged into the existing ones). A missing target errors the cell, not the call. */
  setInputs(id: string, inputs: Readonly<Record<string, string>>): void {
    const cell = this.#cell(id);
    const merged = { ...cell.inputs, ...inputs };
    if (deepEqual(merged, cell.inputs ?? {})) return;
    this.#replaceCell({ ...cell, inputs: merged }, [id]);
  }

  setTitle(title: string): void {
    if (title.length > MAX_TITLE_LENGTH) {
      throw new DocumentError([{ path: 'title', message: `must be at most ${MAX_TITLE_LENGTH} characters` }]);
    }
    this.#commit({ ...this.#document, title }, []);
  }

  setCellTitle(id: string, title?: string): void {
    const { title: _old, ...rest } = this.#cell(id);
    if (title !== undefined && title.length > MAX_TITLE_LENGTH) {
      throw new DocumentError([{ path: `cells[${this.#indexOf(id)}].title`, message: 'is too long' }]);
    }
    this.#replaceCell(title === undefined ? rest : { ...rest, title }, []);
  }

  /**
   * Inserts a cell (at the end by default). Throws DocumentError on a bad spec or a duplicate id; inputs may
   * be left unwired or name a cell added later (the cell reports it until they are wired).
   */
  addCell(spec: CellSpec, index = this.#document.cells.length): void {
    this.#checkOpen();
    const cells = [...this.#document.cells];
    const at = Math.max(0, Math.min(index, cells.length));
    if (cells.length >= MAX_CELLS) {
      throw new DocumentError([{ path: 'cells', message: `a notebook holds at most ${MAX_CELLS} cells` }]);
    }
    const problems = validateCellSpec(spec, `cells[${at}]`, new Set(cells.map((c) => c.id)), {
      lenientWiring: true,
    });
    if (problems.length > 0) throw new DocumentError(problems);
    cells.splice(at, 0, copyCell(spec as unknown as Record<string, unknown>));
    this.#commit({ ...this.#document, cells }, [spec.id]);
  }

  removeCell(id: string): void {
    this.#cell(id);
    this.#commit({ ...this.#document, cells: this.#document.cells.filter((c) => c.id !== id) }, []);
  }

  moveCell(id: string, toIndex: number): void {
    const cell = this.#cell(id);
    const cells = this.#document.cells.filter((c) => c.id !== id);
    cells.splice(Math.max(0, Math.min(toIndex, cells.length)), 0, cell);
    this.#commit({ ...this.#document, cells }, []);
  }

  /**
   * Swaps in another validated document (undo/redo); only cells whose kind, inputs or params differ
   * recompute. Documents this notebook produced may have unwired inputs: validate them with lenientWiring.
   */
  replaceDocument(document: NotebookDocument): void {
    this.#checkOpen();
    const before = new Map(this.#document.cells.map((c) => [c.id, c]));
    const changed = document.cells
      .filter((cell) => {
        const old = before.get(cell.id);
        return (
          old === undefined ||
          old.kind !== cell.kind ||
          !deepEqual(old.inputs ?? {}, cell.inputs ?? {}) ||
          !deepEqual(old.params ?? {}, cell.params ?? {})
        );
      })
      .map((cell) => cell.id);
    this.#commit(document, changed);
  }

  whenIdle(): Promise<void> {
    return this.#scheduler.whenIdle();
  }

  /** Sizes of internal tables and live subscriptions, for leak tests and diagnostics. */
  get internalSizes(): Readonly<Record<string, number>> {
    const { subscriptions, channels } = this.#channels.sizes;
    return { ...this.#scheduler.internalSizes, liveSubscriptions: subscriptions, watchedCells: channels };
  }

  /** Aborts running computations and completes every stream. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#scheduler.dispose();
    this.#channels.close();
    this.#document$.complete();
  }

  #cell(id: string): CellSpec {
    this.#checkOpen();
    const cell = this.#document.cells.find((c) => c.id === id);
    if (cell === undefined) throw new DocumentError([{ path: '', message: `no cell "${id}"` }]);
    return cell;
  }

  #indexOf(id: string): number {
    return this.#document.cells.findIndex((c) => c.id === id);
  }

  #replaceCell(cell: CellSpec, changed: readonly string[]): void {
    const previous = this.#cell(cell.id);
    const cells = this.#document.cells.map((c) => (c.id === cell.id ? cell : c));
    // Editing params or a title leaves the wiring alone: the graph keeps its order instead of re-sorting.
    const rewired = !deepEqual(previous.inputs ?? {}, cell.inputs ?? {});
    this.#commit({ ...this.#document, cells }, changed, rewired ? undefined : this.#graph);
  }

  #commit(document: NotebookDocument, changed: readonly string[], sameWiringAs?: NotebookGraph): void {
    this.#document = document;
    this.#graph = new NotebookGraph(document.cells, sameWiringAs);
    this.#scheduler.update(this.#graph, changed);
    this.#document$.next(document);
  }

  #checkOpen(): void {
    if (this.#disposed) throw new Error('this notebook has been disposed');
  }
}
