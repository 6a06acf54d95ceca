import type { NotebookEdit } from '@convbook/cells';
import type { DigitDrawEvent, TrainApplyEvent, TrainCommandEvent } from '../events/train-events';
import type { PageNotebook } from '../session/page-notebook';
import type { CellCommand } from '../worker/protocol';

/**
 * What the training views' events do to the notebook (issue 10). Train starts afresh from the weights
 * cells (reset, then run); Resume runs again and the cell picks up its last run (`context.previous`).
 * Commands are not edits: they are neither saved nor undone.
 */
const COMMANDS: Readonly<Record<TrainCommandEvent['command'], readonly CellCommand[]>> = {
  train: ['reset', 'run'],
  resume: ['run'],
  stop: ['stop'],
  reset: ['reset'],
};

export function sendTrainCommand(event: TrainCommandEvent, notebook: PageNotebook): void {
  for (const command of COMMANDS[event.command]) notebook.command(command, event.cellId);
}

/** Apply: every learned weights cell in one edit, so one undo takes the whole training result back. */
export function applyTrainedWeights(event: TrainApplyEvent, notebook: PageNotebook): void {
  if (event.patches.length === 0) return;
  const edits: NotebookEdit[] = event.patches.map((patch) => ({
    op: 'setParams',
    id: patch.cellId,
    patch: { ...patch.params },
  }));
  notebook.apply({ op: 'batch', edits });
}

/** A finished stroke: the drawn-digit cell's picture, an ordinary (saved, undoable) params edit. */
export function storeDrawnDigit(event: DigitDrawEvent, notebook: PageNotebook): void {
  notebook.setParams(event.cellId, { pixels: event.pixels });
}
