import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Notebook, parseNotebook } from '@convbook/cells';
import { describe, expect, it } from 'vitest';

const readme = await readFile(resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The README's notebook-format example, as a reader would copy it. */
function formatExample(): string {
  const block = /```json\n(\{\n {2}"format": "convbook"[\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README has no notebook format example');
  return block;
}

describe('README', () => {
  it('shows a format example that runs to the numbers it states, with the app’s defaults', async () => {
    const document = parseNotebook(formatExample());
    const conv = document.cells.find((cell) => cell.kind === 'conv');
    expect(conv?.params?.flip).toBeUndefined(); // correlation, as a new conv cell starts
    expect(conv?.params?.padding).toBe('valid');
    const notebook = Notebook.fromDocument(document);
    await notebook.whenIdle();
    const values = (id: string) => {
      const state = notebook.states().get(id);
      return state?.status === 'ok' && state.value.type === 'tensor' ? state.value.tensor.toArray() : state;
    };
    expect(values('c')).toEqual([
      [
        [0, 4.5, 5.5],
        [3.5, 0.5, 2.5],
      ],
    ]);
    expect(values('p')).toEqual([[[4.5]]]);
    expect(readme).toContain('`c` = `[[0, 4.5, 5.5], [3.5, 0.5, 2.5]]`');
    expect(readme).toContain('`p` = `[[4.5]]`');
    notebook.dispose();
  });

  it('gives the address pnpm start serves and how to build and serve the static site', () => {
    expect(readme).toContain('http://localhost:5173/');
    expect(readme).toContain('## Build and serve the static site');
    expect(readme).toContain('## Your first notebook');
    expect(readme).toContain('## Keyboard shortcuts');
  });
});
