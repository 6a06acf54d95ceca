import type { CellValue, UnitIndex } from '@convbook/cells';
import { type ChainCell, receptiveHighlights } from '../../catalog/receptive-chain';
import type { ReceptiveFieldView } from './explainer-views';

/**
 * The receptive field of the selected unit in the picture at the start of its chain of layers, for the
 * explainer's mini-view. Only for chains of two or more layers: with one, the input view beside the map
 * already shows exactly that window.
 */
export function fieldViewFor(
  cells: readonly (ChainCell & { readonly title?: string })[],
  values: ReadonlyMap<string, CellValue>,
  cellId: string,
  unit: UnitIndex,
): ReceptiveFieldView | null {
  const highlights = receptiveHighlights(cells, values, cellId, unit.y, unit.x);
  if (highlights.size < 2) return null;
  const [originId, box] = [...highlights].at(-1) ?? [];
  const origin = originId === undefined ? undefined : values.get(originId);
  if (originId === undefined || box === undefined || origin?.type !== 'tensor') return null;
  const cell = cells.find((c) => c.id === originId);
  return { tensor: origin.tensor, box, label: cell?.title ? `'${cell.title}'` : originId };
}
