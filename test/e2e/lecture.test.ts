import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, cellIds, waitForIdle } from './browser';
import { readCanvases } from './canvas-pixels';
import { downstreamOf, readExample } from './example-fixture';
import { storedTopLeftWeight } from './kernel-edits';
import { picturesOf, typeValue, weightInput } from './ui-actions';

// Flows 1–3: a first visit opens the lecture notebook with real feature maps; a weight edit repaints the
// maps downstream of it and nothing else; the edit is still there after a reload (real IndexedDB).

const lecture = readExample('lecture');
const EDITED_KERNEL = 'sobelX';
const downstream = downstreamOf(lecture, EDITED_KERNEL);
const mapCells = lecture.cells.filter((c) => c.kind === 'conv' || c.kind === 'pool').map((c) => c.id);
const mapsDownstream = mapCells.filter((id) => downstream.has(id));
const mapsElsewhere = mapCells.filter((id) => !downstream.has(id));
// A conv whose kernel is all zeros (the training exercise starts from one) draws a flat map by design.
const zeroKernels = new Set(
  lecture.cells
    .filter((c) => c.kind === 'kernel' && Array.isArray(c.params?.values))
    .filter((c) => JSON.stringify(c.params?.values).match(/[1-9]/) === null)
    .map((c) => c.id),
);
const flatByDesign = new Set(
  lecture.cells.filter((c) => c.kind === 'conv' && zeroKernels.has(c.inputs?.kernel ?? '')).map((c) => c.id),
);

describe('the lecture notebook', () => {
  const session = useAppSession();
  let picturesAfterEdit: Map<string, string>;
  let editedValue: number;

  it('opens on a first visit with every cell of the example, none in error', async () => {
    const { page } = session;
    expect(await cellIds(page)).toEqual(lecture.cells.map((c) => c.id));
    const failed = await page
      .locator('cb-cell[data-status="error"]')
      .evaluateAll((hosts) => hosts.map((host) => host.getAttribute('data-cell-id')));
    expect(failed, `cells in error; page errors: ${session.pageErrors.join('\n')}`).toEqual([]);
  });

  it('draws non-blank feature maps for the conv cells', async () => {
    const { page } = session;
    const convIds = await cellIds(page, 'conv');
    expect(convIds.length).toBeGreaterThan(5);
    const painted: string[] = [];
    for (const id of convIds) {
      const canvases = await readCanvases(cell(page, id));
      if (canvases.length === 0 || flatByDesign.has(id)) continue;
      painted.push(id);
      const busiest = Math.max(...canvases.map((canvas) => canvas.variance));
      expect(busiest, `${id}: every canvas is flat (${JSON.stringify(canvases)})`).toBeGreaterThan(1);
    }
    // Small maps may be shown as number tables; the picture-sized ones must be canvases.
    expect(painted).toEqual(expect.arrayContaining(['raw', 'rectified', 'smooth', 'depthMap']));
  });

  it('repaints every map downstream of an edited weight and no other map', async () => {
    const { page } = session;
    const before = await picturesOf(page, mapCells);
    // The UI announces each canvas paint as `cb-painted` on window; record which cells painted.
    await page.evaluate(() => {
      const record: string[] = [];
      Object.assign(window, { paintedCells: record });
      window.addEventListener('cb-painted', (event) => {
        const cellId: unknown = event instanceof CustomEvent ? event.detail?.cellId : undefined;
        if (typeof cellId === 'string') record.push(cellId);
      });
    });
    const input = weightInput(cell(page, EDITED_KERNEL), 1, 1);
    editedValue = Number(await input.inputValue()) + 3;
    await typeValue(page, input, editedValue);

    // Poll: the edit travels to the worker and back, then Lit paints on its next frame.
    await expect
      .poll(async () => changedCells(before, await picturesOf(page, mapsDownstream)), { timeout: 15_000 })
      .toEqual(mapsDownstream.filter((id) => before.get(id) !== ''));
    await waitForIdle(page);
    picturesAfterEdit = await picturesOf(page, mapCells);
    expect(changedCells(before, picturesAfterEdit, mapsElsewhere)).toEqual([]);
    const paintedCells = await page.evaluate(
      () => (window as unknown as { paintedCells: string[] }).paintedCells,
    );
    expect(paintedCells).toEqual(
      expect.arrayContaining(mapsDownstream.filter((id) => before.get(id) !== '')),
    );
    expect(paintedCells.filter((id) => mapsElsewhere.includes(id))).toEqual([]);
  });

  it('keeps the edit after a reload', async () => {
    const { page } = session;
    expect(picturesAfterEdit, 'the edit test must run first').toBeDefined();
    // Autosave is debounced: reload once the edit is stored, not while the save may still be pending.
    await expect.poll(() => storedTopLeftWeight(page), { timeout: 10_000 }).toBe(editedValue);
    await page.reload();
    await waitForIdle(page);
    expect(Number(await weightInput(cell(page, EDITED_KERNEL), 1, 1).inputValue())).toBe(editedValue);
    expect(await picturesOf(page, mapCells)).toEqual(picturesAfterEdit);
  });
});

function changedCells(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  only: readonly string[] = [...after.keys()],
): string[] {
  return only.filter((id) => after.has(id) && before.get(id) !== after.get(id));
}
