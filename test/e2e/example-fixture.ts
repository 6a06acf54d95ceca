import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The example notebooks as the tests see them: read straight from /examples, so the expected graph comes
 * from the file, not from the app under test.
 */

export interface ExampleCell {
  readonly id: string;
  readonly kind: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface ExampleNotebook {
  readonly title: string;
  readonly cells: readonly ExampleCell[];
}

export function readExample(name: string): ExampleNotebook {
  const path = fileURLToPath(new URL(`../../examples/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as ExampleNotebook;
}

/** The cells a cell reads: its wired inputs, plus the kernel cell a grad cell trains. */
function dependenciesOf(cell: ExampleCell): string[] {
  const wired = Object.values(cell.inputs ?? {});
  const trained = cell.params?.kernelCell;
  return typeof trained === 'string' ? [...wired, trained] : wired;
}

/** Every cell that recomputes when `sourceId` changes (not including the source itself). */
export function downstreamOf(notebook: ExampleNotebook, sourceId: string): Set<string> {
  const reached = new Set<string>();
  const frontier = [sourceId];
  while (frontier.length > 0) {
    const current = frontier.pop();
    for (const cell of notebook.cells) {
      if (reached.has(cell.id) || !dependenciesOf(cell).includes(current ?? '')) continue;
      reached.add(cell.id);
      frontier.push(cell.id);
    }
  }
  return reached;
}
