import { effectiveKernelSize, type WindowPlan } from '../conv-options';

/**
 * Cutting a zero-padded conv into horizontal bands of output rows. Band [start, end) needs padded input
 * rows [start·sy, (end−1)·sy + k̂): the real rows among them, plus as many zero rows above and below as
 * fall outside the input. With those zeros given as explicit padding, a band's conv produces exactly
 * rows start..end−1 of the whole output, value for value.
 */
export interface RowBand {
  /** Output rows [start, end). */
  readonly start: number;
  readonly end: number;
  /** Input rows [firstRow, lastRow) to send. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** Zero rows to add above and below them. */
  readonly padTop: number;
  readonly padBottom: number;
}

/** Splits the output rows evenly, or returns undefined if some band would have no real input row. */
export function planRowBands(
  plan: WindowPlan,
  inputHeight: number,
  kernelHeight: number,
  parts: number,
): RowBand[] | undefined {
  const reach = effectiveKernelSize(kernelHeight, plan.dilationY);
  const bands: RowBand[] = [];
  for (let part = 0; part < parts; part++) {
    const start = Math.floor((plan.outHeight * part) / parts);
    const end = Math.floor((plan.outHeight * (part + 1)) / parts);
    if (end === start) continue;
    const from = start * plan.strideY - plan.pads.top;
    const to = (end - 1) * plan.strideY + reach - plan.pads.top;
    const firstRow = Math.max(0, from);
    const lastRow = Math.min(inputHeight, to);
    if (lastRow <= firstRow) return undefined;
    bands.push({ start, end, firstRow, lastRow, padTop: firstRow - from, padBottom: to - lastRow });
  }
  return bands;
}

/** Copies rows [firstRow, lastRow) of every channel of a [C, H, W] image into a new [C, rows, W] array. */
export function sliceRows(
  data: Float32Array,
  channels: number,
  height: number,
  width: number,
  band: RowBand,
) {
  const rows = band.lastRow - band.firstRow;
  const out = new Float32Array(channels * rows * width);
  for (let c = 0; c < channels; c++) {
    const from = (c * height + band.firstRow) * width;
    out.set(data.subarray(from, from + rows * width), c * rows * width);
  }
  return out;
}

/**
 * Where a part's [O', rows, W'] maps go in the whole [O, H', W'] output: kernels from `firstKernel`,
 * output rows from `firstRow` (a band of rows has firstKernel 0, a run of kernels firstRow 0).
 */
export interface MapsPlace {
  readonly firstKernel: number;
  readonly firstRow: number;
  readonly rows: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Writes a part's maps into the whole output: one block copy per map (one in all for whole maps). */
export function placeMaps(out: Float32Array, maps: Float32Array, place: MapsPlace): void {
  const { firstKernel, firstRow, rows, outHeight, outWidth } = place;
  const mapValues = rows * outWidth;
  if (rows === outHeight) {
    out.set(maps, firstKernel * mapValues);
    return;
  }
  const kernels = maps.length / mapValues;
  for (let o = 0; o < kernels; o++) {
    out.set(
      maps.subarray(o * mapValues, (o + 1) * mapValues),
      ((firstKernel + o) * outHeight + firstRow) * outWidth,
    );
  }
}

/** Writes a band's [O, end − start, W'] maps into the whole [O, H', W'] output. */
export function placeBand(
  out: Float32Array,
  band: RowBand,
  maps: Float32Array,
  outHeight: number,
  outWidth: number,
) {
  placeMaps(out, maps, {
    firstKernel: 0,
    firstRow: band.start,
    rows: band.end - band.start,
    outHeight,
    outWidth,
  });
}
