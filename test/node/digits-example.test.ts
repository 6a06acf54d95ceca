import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  Notebook,
  parseNotebook,
  serializeNotebook,
  type TrainValue,
  trainedWeightPatches,
} from '@convbook/cells';
import { ready } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment } from '../../packages/ui/src/share/share-link';

/**
 * The digits notebook end to end, shortened (one epoch on 2,000 digits) so it stays a quick test; the full
 * run (six epochs) and its accuracy are measured by `pnpm bench` and the runner. What is checked here holds for
 * any amount of training: the learned weights fit a share link, and the link gives back the same accuracy.
 */
const examplePath = resolve(import.meta.dirname, '../../examples/digits.json');

async function trainValue(notebook: Notebook): Promise<TrainValue> {
  await notebook.whenIdle();
  // The train cell runs on demand: it waits for run(), as it waits for the Train button in the app.
  notebook.run('train');
  await notebook.whenIdle();
  const state = notebook.states().get('train');
  if (state?.status !== 'ok' || state.value.type !== 'train')
    throw new Error(`train: ${JSON.stringify(state)}`);
  return state.value;
}

describe('examples/digits.json', () => {
  it('trains, applies its weights, fits a ≤ 32 KB share link and scores the same after the round trip', async () => {
    await ready();
    const document = parseNotebook(await readFile(examplePath, 'utf8'));
    const notebook = Notebook.fromDocument(document);
    notebook.setParams('digits', { trainSize: 2000 });
    notebook.setParams('train', { epochs: 1 });
    const trained = await trainValue(notebook);
    expect(trained.status).toBe('done');
    expect(trained.testAccuracy).toBeGreaterThan(0.5);
    for (const patch of trainedWeightPatches(trained)) notebook.setParams(patch.cellId, patch.params);
    notebook.setParams('train', { epochs: 0 });
    const text = serializeNotebook(notebook.document);
    notebook.dispose();

    const link = await encodeShareFragment(text);
    if (link.status !== 'ok') throw new Error(`share link too big: ${link.fragmentLength} characters`);
    expect(link.fragment.length).toBeLessThanOrEqual(32 * 1024);
    const decoded = await decodeShareFragment(link.fragment);
    if (decoded.status !== 'ok') throw new Error(decoded.message);
    const reopened = Notebook.fromDocument(parseNotebook(decoded.text));
    const scored = await trainValue(reopened);
    reopened.dispose();
    expect(scored.steps).toBe(0);
    expect(scored.testAccuracy).toBe(trained.testAccuracy);
    expect(scored.confusion).toEqual(trained.confusion);
  });
});
