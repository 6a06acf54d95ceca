import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Notebook, parseNotebook } from '@convbook/cells';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExampleValues, examplesDir, kernelOf, runExample, slide } from './example-values';

// Issue 12, item 7: learn-a-kernel.json's claims about learning rates, computed. The loss is quadratic in
// the ten learned numbers (nine weights, one bias): L(θ) = mean((Aθ − y)²) with A the 3×3 patches of the
// zero-padded image plus a column of ones. Its Hessian H = 2/N·AᵀA decides everything: plain gradient
// descent diverges above 2/λmax, and converges fastest at 2/(λmin + λmax). Both are computed here with a
// Jacobi eigenvalue solver, and gradient descent is rerun by hand in float64 to check the quoted losses.

let values: ExampleValues;
let design: number[][];
let target: number[];
beforeAll(async () => {
  values = await runExample('learn-a-kernel');
  const image = await values.plane('noise');
  const sobel = await kernelOf(values, 'sobelX');
  target = slide(image, sobel, { flip: false, padTop: 1, padLeft: 1, height: 16, width: 16 }).flat();
  design = [];
  for (let y = 0; y < 16; y++)
    for (let x = 0; x < 16; x++) {
      const patch: number[] = [];
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) patch.push(image.at(y - 1 + i, x - 1 + j));
      design.push([...patch, 1]);
    }
}, 60_000);

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations. */
function symmetricEigenvalues(matrix: number[][]): number[] {
  const a = matrix.map((r) => [...r]);
  const n = a.length;
  const at = (i: number, j: number) => a[i]?.[j] ?? 0;
  const set = (i: number, j: number, v: number) => {
    const row = a[i];
    if (row) row[j] = v;
  };
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += at(p, q) ** 2;
    if (off < 1e-24) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(at(p, q)) < 1e-300) continue;
        const theta = (at(q, q) - at(p, p)) / (2 * at(p, q));
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const kp = at(k, p);
          const kq = at(k, q);
          set(k, p, c * kp - s * kq);
          set(k, q, s * kp + c * kq);
        }
        for (let k = 0; k < n; k++) {
          const pk = at(p, k);
          const qk = at(q, k);
          set(p, k, c * pk - s * qk);
          set(q, k, s * pk + c * qk);
        }
      }
  }
  return Array.from({ length: n }, (_, i) => at(i, i)).sort((x, y) => x - y);
}

function hessian(): number[][] {
  const n = design.length;
  return Array.from({ length: 10 }, (_, i) =>
    Array.from(
      { length: 10 },
      (_, j) => (2 / n) * design.reduce((s, row) => s + (row[i] ?? 0) * (row[j] ?? 0), 0),
    ),
  );
}

/** Gradient descent from zeros, by hand: the loss after each of `steps` steps. */
function descend(rate: number, steps: number): number[] {
  const n = design.length;
  let theta = new Array<number>(10).fill(0);
  const losses: number[] = [];
  const residual = () =>
    design.map((row, k) => row.reduce((s, a, i) => s + a * (theta[i] ?? 0), 0) - (target[k] ?? 0));
  for (let step = 0; step <= steps; step++) {
    const r = residual();
    losses.push(r.reduce((s, v) => s + v * v, 0) / n);
    const gradient = theta.map(
      (_, i) => (2 / n) * design.reduce((s, row, k) => s + (row[i] ?? 0) * (r[k] ?? 0), 0),
    );
    theta = theta.map((t, i) => t - rate * (gradient[i] ?? 0));
  }
  return losses;
}

/** The notebook's own run at another learning rate: the loss after the last step. */
async function notebookLossAfter(rate: number): Promise<number> {
  const text = await readFile(join(examplesDir, 'learn-a-kernel.json'), 'utf8');
  const document = JSON.parse(text) as {
    cells: { id: string; params?: { train?: { learningRate: number } } }[];
  };
  const learn = document.cells.find((c) => c.id === 'learn');
  if (learn?.params?.train) learn.params.train.learningRate = rate;
  const notebook = Notebook.fromDocument(parseNotebook(document));
  await notebook.whenIdle();
  const state = notebook.states().get('learn');
  notebook.dispose();
  if (state?.status !== 'ok' || state.value.type !== 'grad' || state.value.training === undefined) {
    throw new Error(`learn did not train at ${rate}`);
  }
  return state.value.training.lossCurve.at(-1) ?? Number.NaN;
}

const oneFigure = (v: number): string => v.toExponential(0);

describe('7. learn-a-kernel: how fast the learning rate may be is computed, not guessed', () => {
  it('the steepest curvature is 5.68 and the flattest 0.088: diverge above 0.352, fastest at 0.347', () => {
    const eigenvalues = symmetricEigenvalues(hessian());
    const lowest = eigenvalues[0] ?? Number.NaN;
    const highest = eigenvalues.at(-1) ?? Number.NaN;
    expect(highest.toFixed(2)).toBe('5.68');
    expect(lowest.toPrecision(2)).toBe('0.088');
    expect((2 / highest).toFixed(3)).toBe('0.352');
    expect((2 / (lowest + highest)).toFixed(3)).toBe('0.347');
  });

  it('after 200 steps by hand: 7e-8 at 0.3, 2e-8 at 0.34, 6e-6 at 0.35; 0.36 grows', () => {
    expect(oneFigure(descend(0.3, 200).at(-1) ?? 0)).toBe('7e-8');
    expect(oneFigure(descend(0.34, 200).at(-1) ?? 0)).toBe('2e-8');
    expect(oneFigure(descend(0.35, 200).at(-1) ?? 0)).toBe('6e-6');
    const diverging = descend(0.36, 200);
    expect(diverging.at(-1)).toBeGreaterThan(1000 * (diverging[0] ?? 0));
  });

  it('the notebook itself reaches the same losses at those rates', async () => {
    for (const rate of [0.3, 0.34, 0.35]) {
      const byHand = descend(rate, 200).at(-1) ?? 0;
      expect(Math.abs(Math.log10(await notebookLossAfter(rate)) - Math.log10(byHand))).toBeLessThan(0.05);
    }
    expect(await notebookLossAfter(0.36)).toBeGreaterThan(1000);
  }, 60_000);
});
