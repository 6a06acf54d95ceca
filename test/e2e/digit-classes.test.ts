import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, waitForIdle } from './browser';
import { exportedDocument, importNotebookFile } from './notebook-actions';

// A digits cell's classes are ten checkboxes: unticking a digit writes the list the notebook keeps
// (and the share link and file carry), ticking all ten clears it, and one class alone is refused.

const NOTEBOOK = {
  format: 'convbook',
  version: 1,
  title: 'Digit classes',
  cells: [{ id: 'digits', kind: 'digits', params: { trainSize: 100, testSize: 20 } }],
};

const classesOf = async (page: Parameters<typeof exportedDocument>[0]) => {
  const { cells } = await exportedDocument(page);
  return (cells as { params: { classes?: number[] } }[])[0]?.params.classes;
};

describe('choosing digit classes', () => {
  const session = useAppSession();

  it('unticks, ticks back and refuses a single class', async () => {
    const { page } = session;
    await importNotebookFile(page, 'classes.convbook.json', JSON.stringify(NOTEBOOK));
    await waitForIdle(page, 60_000);
    const digits = cell(page, 'digits');
    const box = (digit: number) => digits.getByRole('checkbox', { name: String(digit), exact: true });
    await expect.poll(() => digits.getByRole('checkbox').count()).toBe(10);
    expect(await box(3).isChecked()).toBe(true);

    await box(3).uncheck();
    await expect.poll(() => classesOf(page)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    await box(3).check();
    await expect.poll(() => classesOf(page)).toBeUndefined();

    for (const digit of [0, 1, 2, 3, 4, 5, 6, 7]) await box(digit).uncheck();
    await expect.poll(() => classesOf(page)).toEqual([8, 9]);
    await box(8).click();
    await expect.poll(() => digits.getByRole('alert').textContent()).toMatch(/classes .*not applied/i);
    expect(await box(8).isChecked()).toBe(true);
    expect(await classesOf(page)).toEqual([8, 9]);
  });
});
