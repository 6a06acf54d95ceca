import type { CellSpec } from '../document/notebook-document';

/**
 * The inputs and starting settings of a cell a student adds, chosen the way they mean them:
 * - each slot takes the nearest cell above whose value fits (image or map → input, kernel → kernel);
 * - a new convolution reads a *picture*: an image, a pooled map or an activated map. A plain linear map
 *   just above (a target map, an edge map) and a fresh kernel added after a convolution both mean "another
 *   filter on the same input", so the new conv reads what that convolution read;
 * - a new conv starts with `valid` padding, as the textbook does (3×4 * 2×2 → 2×3);
 * - a loss pairs only maps of compatible shapes, and says what to pick when there are none;
 * - statistics describe the nearest layer (conv or pool), not a bare image.
 * Pure data in, data out: the page passes what it knows of its kinds and the shapes computed so far.
 */

export interface WiringSlot {
  readonly accepts: readonly string[];
  readonly optional: boolean;
}

/** What wiring needs to know of a kind (the page's kind info and the registry both fit). */
export interface WiringKind {
  readonly kind: string;
  readonly inputs: Readonly<Record<string, WiringSlot>>;
  readonly output: string;
}

export interface WiringContext {
  readonly kinds: ReadonlyMap<string, WiringKind>;
  /** The shape of a cell's current value (tensor [C, H, W] or kernel bank [O, C, kh, kw]), when known. */
  readonly shapeOf?: (id: string) => readonly number[] | undefined;
}

/** Something the student should know about a slot left empty or wired by a guess. */
export interface WiringNote {
  readonly slot: string;
  readonly message: string;
}

export interface NewCellPlan {
  readonly spec: CellSpec;
  readonly notes: readonly WiringNote[];
}

/** Starting parameters that make a new cell compute something sensible at once. */
export const NEW_CELL_PARAMS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  image: { sample: { name: 'checkerboard', size: 16 } },
  kernel: { preset: 'sobel-x' },
  conv: { padding: 'valid' },
  pool: { kind: 'max', size: 2 },
  loss: { loss: 'mse', reduction: 'mean' },
  grad: { target: 'kernel' },
  note: { markdown: 'Write what this part of the notebook shows.' },
};

/** A new cell of `kind` inserted at `index` of `cells`: fresh id, starting params, wired inputs. */
export function planNewCell(
  kind: WiringKind,
  cells: readonly CellSpec[],
  index: number,
  context: WiringContext,
): NewCellPlan {
  const view = new Neighbourhood(cells, index, context);
  const wired = chooseInputs(kind, view);
  const params: Record<string, unknown> = { ...(NEW_CELL_PARAMS[kind.kind] ?? {}) };
  if (kind.kind === 'grad' && wired.inputs.loss !== undefined) {
    const kernelCell = view.kernelBehindLoss(wired.inputs.loss);
    if (kernelCell !== undefined) params.kernelCell = kernelCell;
  }
  const spec: CellSpec = {
    id: freshId(kind.kind, cells),
    kind: kind.kind,
    ...(Object.keys(wired.inputs).length > 0 ? { inputs: wired.inputs } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
  return { spec, notes: wired.notes };
}

/** `kind` followed by the smallest number from `from` not taken: conv1, conv2, ... */
export function freshId(kind: string, cells: readonly { readonly id: string }[], from = 1): string {
  const taken = new Set(cells.map((cell) => cell.id));
  let n = from;
  while (taken.has(`${kind}${n}`)) n++;
  return `${kind}${n}`;
}

interface Wired {
  readonly inputs: Record<string, string>;
  readonly notes: WiringNote[];
}

function chooseInputs(kind: WiringKind, view: Neighbourhood): Wired {
  if (kind.kind === 'conv') return wireConv(view);
  if (kind.kind === 'loss') return wireLoss(view);
  if (kind.kind === 'stats') {
    // Statistics describe a chain of layers: an image alone has none, so prefer the nearest layer.
    const layer = view.above.find((cell) => cell.kind === 'conv' || cell.kind === 'pool');
    if (layer) return { inputs: { of: layer.id }, notes: [] };
  }
  const inputs: Record<string, string> = {};
  for (const [slot, spec] of Object.entries(kind.inputs)) {
    const source = view.above.find(
      (cell) => view.fits(cell, spec) && !Object.values(inputs).includes(cell.id),
    );
    if (source) inputs[slot] = source.id;
  }
  return { inputs, notes: [] };
}

function wireConv(view: Neighbourhood): Wired {
  const inputs: Record<string, string> = {};
  const notes: WiringNote[] = [];
  const kernels = view.above.filter((cell) => view.outputOf(cell) === 'kernel');
  let kernel: CellSpec | undefined = kernels.find((cell) => !view.isUsedAsKernel(cell.id)) ?? kernels[0];
  const input = view.pictureFor(kernel);
  if (input) inputs.input = input.id;
  const inputChannels = input ? view.shapeOf(input.id)?.[0] : undefined;
  if (kernel && inputChannels !== undefined && !view.kernelFits(kernel.id, inputChannels)) {
    kernel = kernels.find((cell) => view.kernelFits(cell.id, inputChannels));
    if (!kernel) {
      notes.push({
        slot: 'kernel',
        message: `no kernel above has 1 or ${inputChannels} channels to match the input`,
      });
    }
  }
  if (kernel) inputs.kernel = kernel.id;
  else if (notes.length === 0)
    notes.push({ slot: 'kernel', message: 'add a kernel cell above, then pick it here' });
  if (!input) notes.push({ slot: 'input', message: 'add an image cell above, then pick it here' });
  return { inputs, notes };
}

/** The nearest layer output as prediction, paired with the nearest other map of a compatible shape. */
function wireLoss(view: Neighbourhood): Wired {
  const maps = view.above.filter((cell) => view.outputOf(cell) === 'tensor');
  if (maps.length === 0)
    return { inputs: {}, notes: [{ slot: 'prediction', message: 'add a map to compare above this cell' }] };
  const layers = [
    ...maps.filter((cell) => cell.kind !== 'image'),
    ...maps.filter((cell) => cell.kind === 'image'),
  ];
  for (const prediction of layers) {
    const target = maps.find(
      (cell) => cell.id !== prediction.id && view.sameShape(prediction.id, cell.id) === true,
    );
    if (target) return { inputs: { prediction: prediction.id, target: target.id }, notes: [] };
  }
  const first = layers[0] as CellSpec;
  const shape = view.shapeOf(first.id);
  const unknown = maps.find(
    (cell) => cell.id !== first.id && view.sameShape(first.id, cell.id) === undefined,
  );
  if (unknown) {
    const notes = [
      { slot: 'target', message: `check that "${unknown.id}" has the same shape as "${first.id}"` },
    ];
    return { inputs: { prediction: first.id, target: unknown.id }, notes };
  }
  const size = shape ? ` (${shape.join('×')})` : '';
  const message = `no map above has the shape of "${first.id}"${size}: pick a target of that shape, or a prediction that matches one`;
  return { inputs: { prediction: first.id }, notes: [{ slot: 'target', message }] };
}

/** The cells above an insertion point, nearest first, and what is known about them. */
class Neighbourhood {
  readonly above: readonly CellSpec[];
  readonly #cells: ReadonlyMap<string, CellSpec>;
  readonly #all: readonly CellSpec[];
  readonly #context: WiringContext;

  constructor(cells: readonly CellSpec[], index: number, context: WiringContext) {
    this.above = cells.slice(0, index).reverse();
    this.#all = cells;
    this.#cells = new Map(cells.map((cell) => [cell.id, cell]));
    this.#context = context;
  }

  outputOf(cell: CellSpec): string | undefined {
    return this.#context.kinds.get(cell.kind)?.output;
  }

  fits(cell: CellSpec, slot: WiringSlot): boolean {
    const output = this.outputOf(cell);
    return output !== undefined && output !== 'note' && slot.accepts.includes(output);
  }

  shapeOf(id: string): readonly number[] | undefined {
    return this.#context.shapeOf?.(id);
  }

  /** true or false when both shapes are known, undefined otherwise. */
  sameShape(a: string, b: string): boolean | undefined {
    const [first, second] = [this.shapeOf(a), this.shapeOf(b)];
    if (first === undefined || second === undefined) return undefined;
    return first.length === second.length && first.every((n, i) => n === second[i]);
  }

  kernelFits(kernelId: string, channels: number): boolean {
    const kernelChannels = this.shapeOf(kernelId)?.[1];
    return kernelChannels === undefined || kernelChannels === 1 || kernelChannels === channels;
  }

  isUsedAsKernel(id: string): boolean {
    return this.#all.some((cell) => cell.kind === 'conv' && cell.inputs?.kernel === id);
  }

  /** What a new conv with `kernel` should read; see the header for why a linear map is stepped over. */
  pictureFor(kernel: CellSpec | undefined): CellSpec | undefined {
    const nearest = this.above.find((cell) => this.outputOf(cell) === 'tensor');
    if (nearest?.kind !== 'conv') return nearest;
    const freshKernel = kernel !== undefined && this.above.indexOf(kernel) < this.above.indexOf(nearest);
    const linear = (nearest.params?.activation ?? 'identity') === 'identity';
    if (!freshKernel && !linear) return nearest;
    const source = nearest.inputs?.input;
    return (source === undefined ? undefined : this.#cells.get(source)) ?? nearest;
  }

  /** The kernel whose conv made the loss's prediction, following pools back; undefined when unclear. */
  kernelBehindLoss(lossId: string): string | undefined {
    let cell = this.#cells.get(this.#cells.get(lossId)?.inputs?.prediction ?? '');
    for (let hops = 0; cell !== undefined && hops < this.#all.length; hops++) {
      if (cell.kind === 'conv') return cell.inputs?.kernel;
      cell = this.#cells.get(cell.inputs?.input ?? '');
    }
    return undefined;
  }
}
