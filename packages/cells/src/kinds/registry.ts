import { compareCell } from './compare-cell';
import { convCell } from './conv-cell';
import type { CellKind } from './define-cell-kind';
import { denseCell } from './dense-cell';
import { digitsCell } from './digits/digits-cell';
import { drawnDigitCell } from './digits/drawn-digit-cell';
import { flattenCell } from './flatten-cell';
import { gradCell } from './grad-cell';
import { imageCell } from './image-cell';
import { kernelCell } from './kernel-cell';
import { lossCell } from './loss-cell';
import { noteCell } from './note-cell';
import { peaksCell } from './peaks-cell';
import { poolCell } from './pool-cell';
import { shiftCell } from './shift-cell';
import { softmaxCell } from './softmax-cell';
import { statsCell } from './stats-cell';
import { trainCell } from './train/train-cell';
import { weightsCell } from './weights-cell';

/**
 * Every cell kind, in the order the UI offers them. To add a kind: import it and add one entry here; the
 * parser, the runtime, the runner and the editors pick it up from this list.
 */
export const cellKinds: readonly CellKind[] = [
  imageCell,
  kernelCell,
  convCell,
  poolCell,
  lossCell,
  gradCell,
  statsCell,
  peaksCell,
  shiftCell,
  compareCell,
  digitsCell,
  drawnDigitCell,
  weightsCell,
  flattenCell,
  denseCell,
  softmaxCell,
  trainCell,
  noteCell,
];

const byName = new Map(cellKinds.map((k) => [k.kind, k]));

export function findCellKind(kind: string): CellKind | undefined {
  return byName.get(kind);
}

export function cellKindNames(): readonly string[] {
  return cellKinds.map((k) => k.kind);
}
