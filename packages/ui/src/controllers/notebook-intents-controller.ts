import type { CellState } from '@convbook/cells';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { duplicateCellSpec } from '../catalog/default-cell';
import { newCellPlan } from '../catalog/new-cell-plan';
import type { KindInfo } from '../catalog/value-types';
import type { CellAddEvent } from '../events/cell-add';
import type { CellDuplicateEvent } from '../events/cell-duplicate';
import type { CellInputsChangeEvent } from '../events/cell-inputs-change';
import type { CellMoveEvent } from '../events/cell-move';
import type { CellParamsChangeEvent } from '../events/cell-params-change';
import type { CellRemoveEvent } from '../events/cell-remove';
import type { CellTitleChangeEvent } from '../events/cell-title-change';
import type { KernelShapeChangeEvent } from '../events/kernel-shape-change';
import type { NotebookTitleChangeEvent } from '../events/notebook-title-change';
import type { DigitDrawEvent, TrainApplyEvent, TrainCommandEvent } from '../events/train-events';
import type { PageNotebook } from '../session/page-notebook';
import { applyTrainedWeights, sendTrainCommand, storeDrawnDigit } from './training-intents';

/**
 * Turns the intent events components fire (they bubble and cross shadow roots) into edits on the current
 * notebook. This is the only place the page edits a notebook, so every edit path can be read here.
 */
export class NotebookIntentsController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #notebook: () => PageNotebook | undefined;
  readonly #kinds: () => ReadonlyMap<string, KindInfo>;
  readonly #notify: (text: string) => void;
  readonly #listeners: [string, (event: Event) => void][];

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    notebook: () => PageNotebook | undefined,
    kinds: () => ReadonlyMap<string, KindInfo>,
    notify: (text: string) => void = () => {},
  ) {
    this.#host = host;
    this.#notebook = notebook;
    this.#kinds = kinds;
    this.#notify = notify;
    const on = <E extends Event>(type: string, handle: (event: E, notebook: PageNotebook) => void) =>
      [
        type,
        (event: Event) => {
          const current = this.#notebook();
          if (current) handle(event as E, current);
        },
      ] as [string, (event: Event) => void];
    this.#listeners = [
      on<CellParamsChangeEvent>('cell-params-change', (e, nb) => nb.setParams(e.cellId, { ...e.patch })),
      // A new kernel shape is a params patch (typed-in values that keep the weights that still fit).
      on<KernelShapeChangeEvent>('kernel-shape-change', (e, nb) => nb.setParams(e.cellId, { ...e.patch })),
      on<CellInputsChangeEvent>('cell-inputs-change', (e, nb) => nb.setInputs(e.cellId, { ...e.inputs })),
      on<CellTitleChangeEvent>('cell-title-change', (e, nb) => nb.setCellTitle(e.cellId, e.title)),
      on<NotebookTitleChangeEvent>('notebook-title-change', (e, nb) => nb.setTitle(e.title)),
      on<CellRemoveEvent>('cell-remove', (e, nb) => this.#remove(e, nb)),
      on<CellMoveEvent>('cell-move', (e, nb) => this.#move(e, nb)),
      on<CellDuplicateEvent>('cell-duplicate', (e, nb) => this.#duplicate(e, nb)),
      on<CellAddEvent>('cell-add', (e, nb) => this.#add(e, nb)),
      on<TrainCommandEvent>('train-command', sendTrainCommand),
      on<TrainApplyEvent>('train-apply', applyTrainedWeights),
      on<DigitDrawEvent>('digit-draw', storeDrawnDigit),
    ];
    host.addController(this);
  }

  hostConnected(): void {
    for (const [type, listener] of this.#listeners) this.#host.addEventListener(type, listener);
  }

  hostDisconnected(): void {
    for (const [type, listener] of this.#listeners) this.#host.removeEventListener(type, listener);
  }

  #cells(notebook: PageNotebook) {
    return notebook.document?.cells ?? [];
  }

  #move(event: CellMoveEvent, notebook: PageNotebook): void {
    const cells = this.#cells(notebook);
    const index = cells.findIndex((cell) => cell.id === event.cellId);
    const target = index + event.offset;
    if (index === -1 || target < 0 || target >= cells.length) return;
    notebook.moveCell(event.cellId, target);
    // Moving re-inserts the cell's element, which drops focus: give it back to the same cell's menu.
    this.#focusCellSoon(event.cellId, 'menu');
  }

  #remove(event: CellRemoveEvent, notebook: PageNotebook): void {
    const cells = this.#cells(notebook);
    const index = cells.findIndex((cell) => cell.id === event.cellId);
    notebook.removeCell(event.cellId);
    // Focus lands on the cell that took its place (or the one above the last), never on <body>.
    const next = cells[index + 1] ?? cells[index - 1];
    if (next) this.#focusCellSoon(next.id, 'title');
  }

  #duplicate(event: CellDuplicateEvent, notebook: PageNotebook): void {
    const cells = this.#cells(notebook);
    const index = cells.findIndex((cell) => cell.id === event.cellId);
    const cell = cells[index];
    if (!cell) return;
    const copy = duplicateCellSpec(cell, cells);
    notebook.addCell(copy, index + 1);
    this.#focusCellSoon(copy.id, 'title');
  }

  #add(event: CellAddEvent, notebook: PageNotebook): void {
    const kind = this.#kinds().get(event.kind);
    if (!kind) return;
    const cells = this.#cells(notebook);
    const after = event.afterId === undefined ? -1 : cells.findIndex((cell) => cell.id === event.afterId);
    const index = after === -1 ? cells.length : after + 1;
    const plan = newCellPlan(kind, cells, this.#kinds(), index, this.#states(notebook));
    notebook.addCell(plan.spec, index);
    for (const note of plan.notes) this.#notify(`${plan.spec.id}: ${note.slot} — ${note.message}`);
    this.#focusCellSoon(plan.spec.id, 'title');
  }

  /** The latest state of every cell (the page's views keep them subscribed, so each replays at once). */
  #states(notebook: PageNotebook): ReadonlyMap<string, CellState> {
    const states = new Map<string, CellState>();
    for (const cell of this.#cells(notebook))
      notebook
        .state$(cell.id)
        .subscribe((state) => states.set(cell.id, state))
        .unsubscribe();
    return states;
  }

  /** Once the cell has rendered: bring it into view and put focus in it (its title or its ⋯ menu). */
  #focusCellSoon(id: string, where: 'title' | 'menu'): void {
    const find = () =>
      this.#host.shadowRoot
        ?.querySelector('cb-notebook')
        ?.shadowRoot?.querySelector<HTMLElement & { focusPart?(part: string): void }>(
          `cb-cell[data-cell-id="${CSS.escape(id)}"]`,
        );
    const attempt = (tries: number) => {
      const cell = find();
      if (!cell?.focusPart) {
        if (tries > 0) requestAnimationFrame(() => attempt(tries - 1));
        return;
      }
      cell.scrollIntoView({ behavior: 'smooth', block: 'center' });
      cell.focusPart(where);
    };
    requestAnimationFrame(() => attempt(30));
  }
}
