import type { CellValue } from '@convbook/cells';
import { type ReceptiveLayer, receptiveField, receptiveFieldBox } from '@convbook/core';
import { clipBox, type PixelBox } from '../components/cb-feature-map/plane-geometry';

/** The part of a cell spec the walk reads. */
export interface ChainCell {
  readonly id: string;
  readonly kind: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Where pixel (y, x) of cell `fromId`'s map comes from: walking back through the conv and pool cells that
 * feed it, the receptive field of that pixel in each upstream map (clipped to the map), keyed by cell id.
 * The hovered cell itself is not included. Stops at the first cell that is not a conv or pool layer (the
 * image), or when a shape is not known yet.
 */
export function receptiveHighlights(
  cells: readonly ChainCell[],
  values: ReadonlyMap<string, CellValue>,
  fromId: string,
  y: number,
  x: number,
): Map<string, PixelBox> {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  const highlights = new Map<string, PixelBox>();
  const layers: ReceptiveLayer[] = [];
  let current = byId.get(fromId);
  const visited = new Set<string>();
  while (current && (current.kind === 'conv' || current.kind === 'pool') && !visited.has(current.id)) {
    visited.add(current.id);
    const layer = describeLayer(current, values);
    const inputId = current.inputs?.input;
    const input = inputId === undefined ? undefined : values.get(inputId);
    if (!layer || inputId === undefined || input?.type !== 'tensor') break;
    layers.unshift(layer);
    const [height = 1, width = 1] = input.tensor.shape.slice(-2);
    let box: PixelBox;
    try {
      box = receptiveFieldBox(receptiveField(layers, [height, width]), y, x);
    } catch {
      break; // a layer the arithmetic rejects: the cell itself shows the error
    }
    const clipped = clipBox(box, height, width);
    if (clipped) highlights.set(inputId, clipped);
    current = byId.get(inputId);
  }
  return highlights;
}

function describeLayer(cell: ChainCell, values: ReadonlyMap<string, CellValue>): ReceptiveLayer | undefined {
  const params = cell.params ?? {};
  const padding = (params.padding ?? 'valid') as ReceptiveLayer['padding'];
  if (cell.kind === 'pool') {
    const size = params.size as ReceptiveLayer['kernel'] | undefined;
    if (size === undefined) return undefined;
    const stride = (params.stride ?? size) as ReceptiveLayer['stride'];
    return { kernel: size, stride, padding };
  }
  const kernelId = cell.inputs?.kernel;
  const kernel = kernelId === undefined ? undefined : values.get(kernelId);
  if (kernel?.type !== 'kernel') return undefined;
  const [kh = 1, kw = 1] = kernel.weights.shape.slice(-2);
  return {
    kernel: [kh, kw],
    stride: (params.stride ?? 1) as ReceptiveLayer['stride'],
    dilation: (params.dilation ?? 1) as ReceptiveLayer['dilation'],
    padding,
  };
}
