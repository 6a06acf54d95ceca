import type { ComputeKernels, PoolGeometry } from './kernels';

/**
 * The readable implementation of the inner loops: plain nested loops in the order of the formulas in
 * kernels.ts. It is the oracle every faster backend is tested against, so clarity wins over speed here.
 */
export const referenceKernels: ComputeKernels = {
  name: 'reference',

  convForward(x, w, bias, g, out) {
    const { channels, height, width, kernelHeight: kh, kernelWidth: kw, outHeight, outWidth } = g;
    for (let o = 0; o < g.outChannels; o++) {
      for (let y = 0; y < outHeight; y++) {
        for (let xo = 0; xo < outWidth; xo++) {
          let sum = 0;
          for (let c = 0; c < channels; c++) {
            for (let i = 0; i < kh; i++) {
              const inputRow = (c * height + y * g.strideY + i * g.dilationY) * width + xo * g.strideX;
              const weightRow = ((o * channels + c) * kh + i) * kw;
              for (let j = 0; j < kw; j++) {
                sum += (w[weightRow + j] ?? 0) * (x[inputRow + j * g.dilationX] ?? 0);
              }
            }
          }
          out[(o * outHeight + y) * outWidth + xo] = sum + (bias === null ? 0 : (bias[o] ?? 0));
        }
      }
    }
  },

  // The two backward loops walk exactly the taps of convForward and scatter instead of gather.
  convBackwardInput(gradOut, w, g, dxPadded) {
    const { channels, height, width, kernelHeight: kh, kernelWidth: kw, outHeight, outWidth } = g;
    dxPadded.fill(0);
    for (let o = 0; o < g.outChannels; o++) {
      for (let y = 0; y < outHeight; y++) {
        for (let xo = 0; xo < outWidth; xo++) {
          const upstream = gradOut[(o * outHeight + y) * outWidth + xo] ?? 0;
          for (let c = 0; c < channels; c++) {
            for (let i = 0; i < kh; i++) {
              const inputRow = (c * height + y * g.strideY + i * g.dilationY) * width + xo * g.strideX;
              const weightRow = ((o * channels + c) * kh + i) * kw;
              for (let j = 0; j < kw; j++) {
                const cell = inputRow + j * g.dilationX;
                dxPadded[cell] = (dxPadded[cell] ?? 0) + (w[weightRow + j] ?? 0) * upstream;
              }
            }
          }
        }
      }
    }
  },

  convBackwardWeights(x, gradOut, g, dw) {
    const { channels, height, width, kernelHeight: kh, kernelWidth: kw, outHeight, outWidth } = g;
    dw.fill(0);
    for (let o = 0; o < g.outChannels; o++) {
      for (let y = 0; y < outHeight; y++) {
        for (let xo = 0; xo < outWidth; xo++) {
          const upstream = gradOut[(o * outHeight + y) * outWidth + xo] ?? 0;
          for (let c = 0; c < channels; c++) {
            for (let i = 0; i < kh; i++) {
              const inputRow = (c * height + y * g.strideY + i * g.dilationY) * width + xo * g.strideX;
              const weightRow = ((o * channels + c) * kh + i) * kw;
              for (let j = 0; j < kw; j++) {
                dw[weightRow + j] =
                  (dw[weightRow + j] ?? 0) + (x[inputRow + j * g.dilationX] ?? 0) * upstream;
              }
            }
          }
        }
      }
    }
  },

  maxPool(x, g, out, argmax) {
    forEachWindow(g, (outIndex, firstCell) => {
      let best = x[firstCell] ?? 0;
      let bestIndex = firstCell;
      for (let i = 0; i < g.sizeY; i++) {
        for (let j = 0; j < g.sizeX; j++) {
          const cell = firstCell + i * g.width + j;
          const v = x[cell] ?? 0;
          // Strictly greater keeps the first maximum; a NaN wins once so that it shows in the output.
          if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
            best = v;
            bestIndex = cell;
          }
        }
      }
      out[outIndex] = best;
      argmax[outIndex] = bestIndex;
    });
  },

  sumPool(x, g, out) {
    forEachWindow(g, (outIndex, firstCell) => {
      let sum = 0;
      for (let i = 0; i < g.sizeY; i++) {
        for (let j = 0; j < g.sizeX; j++) sum += x[firstCell + i * g.width + j] ?? 0;
      }
      out[outIndex] = sum;
    });
  },

  gemm(a, b, bias, g, out) {
    const { m, k, n } = g;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const left = g.transposeA ? a[p * m + i] : a[i * k + p];
          const right = g.transposeB ? b[j * k + p] : b[p * n + j];
          sum += (left ?? 0) * (right ?? 0);
        }
        out[i * n + j] = sum + (bias === null ? 0 : (bias[j] ?? 0));
      }
    }
  },
};

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
