import { type CellSpec, type CellState, type NewCellPlan, planNewCell } from '@convbook/cells';
import type { KindInfo } from './value-types';

/**
 * The page's side of "add a cell": the cells package's planner (wiring a student would mean, `valid`
 * convs, shape-compatible loss pairs) fed with the page's kind info and the shapes of the values it
 * has received, plus notes to show for slots left empty.
 */
export function newCellPlan(
  kind: KindInfo,
  cells: readonly CellSpec[],
  kinds: ReadonlyMap<string, KindInfo>,
  index: number,
  states: ReadonlyMap<string, CellState> = new Map(),
): NewCellPlan {
  return planNewCell(kind, cells, index, { kinds, shapeOf: (id) => valueShape(states.get(id)) });
}

/** The shape of a cell's current value: a tensor's [C, H, W] or a kernel bank's [O, C, kh, kw]. */
export function valueShape(state: CellState | undefined): readonly number[] | undefined {
  if (state?.status !== 'ok') return undefined;
  const value = state.value;
  if (value.type === 'tensor') return value.tensor.shape;
  if (value.type === 'kernel') return value.weights.shape;
  return undefined;
}
