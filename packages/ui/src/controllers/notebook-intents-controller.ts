import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { duplicateCellSpec, newCellSpec } from '../catalog/default-cell';
import type { KindInfo } from '../catalog/value-types';
import type { CellAddEvent } from '../events/cell-add';
import type { CellDuplicateEvent } from '../events/cell-duplicate';
import type { CellInputsChangeEvent } from '../events/cell-inputs-change';
import type { CellMoveEvent } from '../events/cell-move';
import type { CellParamsChangeEvent } from '../events/cell-params-change';
import type { CellRemoveEvent } from '../events/cell-remove';
import type { CellTitleChangeEvent } from '../events/cell-title-change';
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
  readonly #listeners: [string, (event: Event) => void][];

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    notebook: () => PageNotebook | undefined,
    kinds: () => ReadonlyMap<string, KindInfo>,
  ) {
    this.#host = host;
    this.#notebook = notebook;
    this.#kinds = kinds;
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
      on<CellInputsChangeEvent>('cell-inputs-change', (e, nb) => nb.setInputs(e.cellId, { ...e.inputs })),
      on<CellTitleChangeEvent>('cell-title-change', (e, nb) => nb.setCellTitle(e.cellId, e.title)),
      on<NotebookTitleChangeEvent>('notebook-title-change', (e, nb) => nb.setTitle(e.title)),
      on<CellRemoveEvent>('cell-remove', (e, nb) => nb.removeCell(e.cellId)),
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
  }

  #duplicate(event: CellDuplicateEvent, notebook: PageNotebook): void {
    const cells = this.#cells(notebook);
    const index = cells.findIndex((cell) => cell.id === event.cellId);
    const cell = cells[index];
    if (!cell) return;
    notebook.addCell(duplicateCellSpec(cell, cells), index + 1);
  }

  #add(event: CellAddEvent, notebook: PageNotebook): void {
    const kind = this.#kinds().get(event.kind);
    if (!kind) return;
    const cells = this.#cells(notebook);
    const after = event.afterId === undefined ? -1 : cells.findIndex((cell) => cell.id === event.afterId);
    const index = after === -1 ? cells.length : after + 1;
    const spec = newCellSpec(kind, cells, this.#kinds(), index);
    notebook.addCell(spec, index);
    // Bring the new cell into view once it has rendered.
    setTimeout(() => {
      const root = this.#host.shadowRoot;
      const notebookElement = root?.querySelector('cb-notebook');
      const cell = notebookElement?.shadowRoot?.querySelector(
        `cb-cell[data-cell-id="${CSS.escape(spec.id)}"]`,
      );
      cell?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }, 150);
  }
}
