import { describe, expect, it, vi } from 'vitest';
import { heldCellsNotice } from './held-cells-notice';

const cells = [
  { id: 'a', title: 'Picture' },
  { id: 'b', title: 'Slow conv' },
  { id: 'c' },
  ...Array.from({ length: 6 }, (_, i) => ({ id: `x${i}`, title: `X${i}` })),
];

describe('heldCellsNotice', () => {
  it('says nothing when no cell is held', () => {
    expect(heldCellsNotice([], cells, () => {})).toBeUndefined();
  });

  it('names one held cell by its title, or its id when it has none', () => {
    expect(heldCellsNotice([{ id: 'b' }], cells, () => {})?.text).toBe(
      'This cell was stopped for taking too long, and the others computed without it: “Slow conv”.',
    );
    expect(heldCellsNotice([{ id: 'b' }, { id: 'c' }], cells, () => {})?.text).toBe(
      'These cells were stopped for taking too long, and the others computed without them: “Slow conv”, “c”.',
    );
  });

  it('names five and counts the rest', () => {
    const held = cells.slice(1).map(({ id }) => ({ id }));
    expect(heldCellsNotice(held, cells, () => {})?.text).toMatch(/“X1”, “X2” and 3 more\.$/);
  });

  it('says the notebook opened paused when every cell is held', () => {
    const all = cells.map(({ id }) => ({ id }));
    expect(heldCellsNotice(all, cells, () => {})?.text).toMatch(
      /^This notebook stopped the page .* opened paused/,
    );
  });

  it('stays until its one button computes the cells', () => {
    const computeAnyway = vi.fn();
    const notice = heldCellsNotice([{ id: 'a' }], cells, computeAnyway);
    expect(notice).toMatchObject({ id: 'held', severity: 'info', dismissible: false });
    expect(notice?.actions?.map((a) => a.label)).toEqual(['Compute anyway']);
    void notice?.actions?.[0]?.run();
    expect(computeAnyway).toHaveBeenCalledOnce();
  });
});
