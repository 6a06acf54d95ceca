import { describeCellError, describeProblem, kindWordsFrom, nameCell } from '../authoring/plain-problem';
import type { DocumentProblem } from '../document/document-error';
import { cellKinds } from '../kinds/registry';
import type { CellError } from '../runtime/cell-state';

/**
 * The runner's stderr lines, in the same words the app uses: the cell by its kind and name, the field
 * by its label, then the JSON path in brackets so a script (or a curious user) can still find the spot.
 * "Convolution c: stride must be a whole number ≥ 1 — got 0  [cells[1].params.stride]".
 */

const WORDS = kindWordsFrom(cellKinds);

export function documentProblemLine(problem: DocumentProblem, document: unknown): string {
  const plain = describeProblem(problem, document, WORDS);
  return withPath(plain.text, plain.path);
}

interface NamedCell {
  readonly id: string;
  readonly kind: string;
  readonly title?: string;
}

/** One line per problem of a cell that failed itself. */
export function cellErrorLines(error: CellError, cell: NamedCell, index: number): string[] {
  return describeCellError(error, cell, WORDS).map((plain) =>
    withPath(plain.text, plain.path === '' ? `cells[${index}]` : plain.path),
  );
}

/** A cell that did not compute because one upstream of it failed (or it did not finish). */
export function cellNotComputedLine(cell: NamedCell, index: number, why: string): string {
  return withPath(`${nameCell(cell, WORDS)}: not computed — ${why}`, `cells[${index}]`);
}

function withPath(text: string, path: string): string {
  return path === '' ? text : `${text}  [${path}]`;
}
