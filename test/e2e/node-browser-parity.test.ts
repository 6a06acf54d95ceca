import { type CellState, Notebook, parseNotebook } from '@convbook/cells';
import { getKernels, ready, setKernels, type Tensor } from '@convbook/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { waitForIdle } from './browser';
import { readExample } from './example-fixture';
import { exportNotebook, importNotebookFile } from './notebook-actions';
import { comparePlanes, expectedPlane, shownPlanes } from './rendered-maps';

// Issue 3: "A notebook's results in Node and in the browser are the same numbers." The document the
// browser exports is run headless in Node (Notebook.fromDocument), once on the reference kernels and once
// on the WASM SIMD kernels; every map the browser shows is then compared pixel by pixel with the pixels
// those Node values must paint, and every channel's min/max in its accessible label with the Node
// min/max. A colour level may differ by one where float32 rounding lands on a step; nothing more.

/** Runs a document in Node and returns each tensor-valued cell's tensor. */
async function nodeTensors(documentText: string): Promise<Map<string, Tensor>> {
  const notebook = Notebook.fromDocument(parseNotebook(documentText));
  await notebook.whenIdle();
  const tensors = new Map<string, Tensor>();
  for (const [id, state] of notebook.states() as ReadonlyMap<string, CellState>) {
    if (state.status === 'error') throw new Error(`${id} failed in Node: ${state.error.message}`);
    if (state.status === 'ok' && state.value.type === 'tensor') tensors.set(id, state.value.tensor);
  }
  notebook.dispose();
  return tensors;
}

// Both kernel sets Node can compute with: the reference loops, and the WASM SIMD ones where `ready()` loads them.
const referenceKernels = getKernels();
await ready();
const kernelSets = [...new Set([referenceKernels, getKernels()])];
setKernels(referenceKernels);

/** The Node values on every kernel set, reference first, keyed by the set's name. */
async function nodeRuns(documentText: string): Promise<Record<string, Map<string, Tensor>>> {
  const runs: Record<string, Map<string, Tensor>> = {};
  try {
    for (const kernels of kernelSets) {
      setKernels(kernels);
      runs[kernels.name] = await nodeTensors(documentText);
    }
  } finally {
    setKernels(referenceKernels);
  }
  return runs;
}

/** "min X, max Y" as the page writes it into a channel's label: three significant digits. */
function rangeLabel(tensor: Tensor, channel: number): string {
  const size = (tensor.shape.at(-1) ?? 1) * (tensor.rank >= 2 ? (tensor.shape.at(-2) ?? 1) : 1);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of tensor.data.subarray(channel * size, (channel + 1) * size)) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const plain = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : 'none');
  return `min ${plain(min)}, max ${plain(max)}`;
}

interface ParityReport {
  cells: number;
  planes: number;
  pixels: number;
  offByOne: Record<string, number>;
}

/** Compares every map on screen with each Node run; returns the counts for the report. */
async function compareWithNode(page: Page, runs: Record<string, Map<string, Tensor>>): Promise<ParityReport> {
  const report: ParityReport = { cells: 0, planes: 0, pixels: 0, offByOne: {} };
  const [reference] = Object.values(runs);
  for (const [id, referenceTensor] of reference ?? []) {
    const planes = await shownPlanes(page, id);
    expect(planes.length, `${id}: no map on screen`).toBeGreaterThan(0);
    report.cells++;
    for (const plane of planes) {
      report.planes++;
      report.pixels += plane.width * plane.height;
      const labels = new Set<string>();
      for (const [kernels, tensors] of Object.entries(runs)) {
        const tensor = tensors.get(id) ?? referenceTensor;
        expect([plane.height, plane.width], `${id} shape`).toEqual([
          tensor.rank >= 2 ? tensor.shape.at(-2) : 1,
          tensor.shape.at(-1),
        ]);
        const result = comparePlanes(plane.rgba, expectedPlane(tensor, plane.channel));
        expect(result.different, `${id} channel ${plane.channel} vs Node on ${kernels}`).toBe(0);
        report.offByOne[kernels] = (report.offByOne[kernels] ?? 0) + result.offByOne;
        if (plane.channel >= 0) labels.add(rangeLabel(tensor, plane.channel));
      }
      if (plane.channel >= 0) {
        const shown = /min \S+, max \S+?(?=,|$)/.exec(plane.label)?.[0];
        expect([...labels], `${id} channel ${plane.channel}: ${plane.label}`).toContain(shown);
      }
    }
  }
  return report;
}

// Isolated, the worker computes big maps into shared memory and the page reads that memory itself
// (transfer-codec.ts); without isolation every map is copied across.
describe.each([
  ['served with COOP/COEP (maps in shared memory)', true],
  ['served without isolation headers (maps copied)', false],
])('the same notebook in Node and in the browser, %s', (_name, isolated) => {
  const session = useAppSession({ isolated });

  it('lecture: every map the page shows is the map of the Node values', async () => {
    const { page } = session;
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(isolated);
    const exported = (await exportNotebook(page)).text;
    const lecture = readExample('lecture');
    expect((JSON.parse(exported) as { cells: { id: string }[] }).cells.map((c) => c.id)).toEqual(
      lecture.cells.map((c) => c.id),
    );
    const runs = await nodeRuns(exported);
    const report = await compareWithNode(page, runs);
    expect(report.cells).toBeGreaterThan(20);
    console.info(`lecture parity: ${JSON.stringify(report)} (kernels: ${Object.keys(runs).join(', ')})`);
  });

  it.each(['rgb-3d-kernels', 'sobel-edges'])('%s: the same, after importing it', async (name) => {
    const { page } = session;
    const example = readExample(name);
    await importNotebookFile(page, `${name}.convbook.json`, JSON.stringify(example));
    await expect
      .poll(async () => (await exportNotebook(page)).text, { timeout: 10_000 })
      .toContain(example.title);
    await waitForIdle(page);
    const runs = await nodeRuns((await exportNotebook(page)).text);
    const report = await compareWithNode(page, runs);
    expect(report.cells).toBeGreaterThan(3);
    console.info(`${name} parity: ${JSON.stringify(report)}`);
  });
});
