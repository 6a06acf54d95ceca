import type { ComputeKernels, ConvGeometry, PoolGeometry } from './kernels';

/**
 * The readable implementation of the inner loops: plain nested loops in the order of the formulas in
 * kernels.ts. It is the oracle every faster backend is tested against, so clarity wins over speed here.
 */
export const referenceKernels: ComputeKernels = {
  name: 'reference',

  convForward(x, w, bias, g, out) {
    for (let o = 0; o < g.outChannels; o++) {
      for (let y = 0; y < g.outHeight; y++) {
        for (let xo = 0; xo < g.outWidth; xo++) {
          let sum = 0;
          forEachTap(g, o, y, xo, (inputIndex, weightIndex) => {
            sum += (w[weightIndex] as number) * (x[inputIndex] as number);
          });
          out[(o * g.outHeight + y) * g.outWidth + xo] = sum + (bias === null ? 0 : (bias[o] as number));
        }
      }
    }
  },

  convBackwardInput(gradOut, w, g, dxPadded) {
    dxPadded.fill(0);
    for (let o = 0; o < g.outChannels; o++) {
      for (let y = 0; y < g.outHeight; y++) {
        for (let xo = 0; xo < g.outWidth; xo++) {
          const upstream = gradOut[(o * g.outHeight + y) * g.outWidth + xo] as number;
          forEachTap(g, o, y, xo, (inputIndex, weightIndex) => {
            dxPadded[inputIndex] += (w[weightIndex] as number) * upstream;
          });
        }
      }
    }
  },

  convBackwardWeights(x, gradOut, g, dw) {
    dw.fill(0);
    for (let o = 0; o < g.outChannels; o++) {
      for (let y = 0; y < g.outHeight; y++) {
        for (let xo = 0; xo < g.outWidth; xo++) {
          const upstream = gradOut[(o * g.outHeight + y) * g.outWidth + xo] as number;
          forEachTap(g, o, y, xo, (inputIndex, weightIndex) => {
            dw[weightIndex] += (x[inputIndex] as number) * upstream;
          });
        }
      }
    }
  },

  maxPool(x, g, out, argmax) {
    forEachWindow(g, (outIndex, firstCell) => {
      let best = x[firstCell] as number;
      let bestIndex = firstCell;
      forEachCell(g, firstCell, (cell) => {
        const v = x[cell] as number;
        // Strictly greater keeps the first maximum; a NaN wins once so that it shows in the output.
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          bestIndex = cell;
        }
      });
      out[outIndex] = best;
      argmax[outIndex] = bestIndex;
    });
  },

  sumPool(x, g, out) {
    forEachWindow(g, (outIndex, firstCell) => {
      let sum = 0;
      forEachCell(g, firstCell, (cell) => {
        sum += x[cell] as number;
      });
      out[outIndex] = sum;
    });
  },
};

/** Visits every (input cell, weight) pair that meets at output position (o, y, x), channel by channel. */
function forEachTap(
  g: ConvGeometry,
  o: number,
  y: number,
  x: number,
  visit: (inputIndex: number, weightIndex: number) => void,
): void {
  for (let c = 0; c < g.channels; c++) {
    for (let i = 0; i < g.kernelHeight; i++) {
      const row = y * g.strideY + i * g.dilationY;
      for (let j = 0; j < g.kernelWidth; j++) {
        const col = x * g.strideX + j * g.dilationX;
        visit((c * g.height + row) * g.width + col, ((o * g.channels + c) * g.kernelHeight + i) * g.kernelWidth + j);
      }
    }
  }
}

/** Calls `visit` with each output index and the flat index of its window's top-left input cell. */
function forEachWindow(g: PoolGeometry, visit: (outIndex: number, firstCell: number) => void): void {
  let outIndex = 0;
  for (let c = 0; c < g.channels; c++) {
    for (let y = 0; y < g.outHeight; y++) {
      for (let x = 0; x < g.outWidth; x++) {
        visit(outIndex++, (c * g.height + y * g.strideY) * g.width + x * g.strideX);
      }
    }
  }
}

/** Visits a window's cells in scan order: rows top to bottom, each left to right. */
function forEachCell(g: PoolGeometry, firstCell: number, visit: (cell: number) => void): void {
  for (let i = 0; i < g.sizeY; i++) {
    for (let j = 0; j < g.sizeX; j++) visit(firstCell + i * g.width + j);
  }
}
