import { compareCell } from './compare-cell';
import { convCell } from './conv-cell';
import { denseCell } from './dense-cell';
import { digitsCell } from './digits/digits-cell';
import { drawnDigitCell } from './digits/drawn-digit-cell';
import { flattenCell } from './flatten-cell';
import { gradCell } from './grad-cell';
import { imageCell } from './image-cell';
import { kernelCell } from './kernel-cell';
import type { CellKind } from './kind-compute';
import type { CellKindSchema } from './kind-schema';
import { lossCell } from './loss-cell';
import { noteCell } from './note-cell';
import { peaksCell } from './peaks-cell';
import { poolCell } from './pool-cell';
import { cellKindSchemas, type KindName } from './schema-registry';
import { shiftCell } from './shift-cell';
import { softmaxCell } from './softmax-cell';
import { statsCell } from './stats-cell';
import { trainCell } from './train/train-cell';
import { weightsCell } from './weights-cell';

/**
 * Every kind with its compute, for the worker and the runner (the page reads schema-registry.ts only, so
 * its bundle carries no compute). Each entry must be the kind of its own name, and every schema needs one:
 * the type says both, so a kind added to the schema list without a compute does not compile.
 */
const computed: { readonly [K in KindName]: CellKind<K> } = {
  image: imageCell,
  kernel: kernelCell,
  conv: convCell,
  pool: poolCell,
  loss: lossCell,
  grad: gradCell,
  stats: statsCell,
  peaks: peaksCell,
  shift: shiftCell,
  compare: compareCell,
  digits: digitsCell,
  'drawn-digit': drawnDigitCell,
  weights: weightsCell,
  flatten: flattenCell,
  dense: denseCell,
  softmax: softmaxCell,
  train: trainCell,
  note: noteCell,
};

/** The full kinds, in the schema list's order. */
export const cellKinds: readonly CellKind[] = cellKindSchemas.map(
  (schema: CellKindSchema<KindName>) => computed[schema.kind],
);

const byName = new Map<string, CellKind>(cellKinds.map((kind) => [kind.kind, kind]));

export function findCellKind(kind: string): CellKind | undefined {
  return byName.get(kind);
}
