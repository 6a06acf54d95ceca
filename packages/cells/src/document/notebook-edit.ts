import type { CellSpec, NotebookDocument } from './notebook-document';

/**
 * Every change a notebook document can undergo, as data. The page applies an edit to its document and
 * sends the same edit to the worker, which applies it to its copy with the same reducer (`applyEdit`),
 * so the two can never disagree about what an edit means.
 */
export type NotebookEdit =
  /** Shallow-merges `patch` into the cell's params; an `undefined` value deletes that key. */
  | { readonly op: 'setParams'; readonly id: string; readonly patch: Readonly<Record<string, unknown>> }
  /** Merges slot → source-cell wiring into the cell's inputs. */
  | { readonly op: 'setInputs'; readonly id: string; readonly inputs: Readonly<Record<string, string>> }
  | { readonly op: 'setTitle'; readonly title: string }
  /** A title of `undefined` (or empty) removes it, so the cell is shown by its id. */
  | { readonly op: 'setCellTitle'; readonly id: string; readonly title?: string }
  /** Inserts at `index` (the end by default); inputs may be unwired or name a cell added later. */
  | { readonly op: 'addCell'; readonly spec: CellSpec; readonly index?: number }
  | { readonly op: 'removeCell'; readonly id: string }
  | { readonly op: 'moveCell'; readonly id: string; readonly index: number }
  /** A copy of cell `id` under `newId` (and `title`, when given), right after the original. */
  | { readonly op: 'duplicateCell'; readonly id: string; readonly newId: string; readonly title?: string }
  /** Swaps in a whole validated document (undo, redo, opening another notebook). */
  | { readonly op: 'replaceDocument'; readonly document: NotebookDocument }
  /**
   * Several edits as one (Apply writes every trained weights cell at once): applied in order, all or none,
   * so undo takes back the whole batch in one step and a refused part leaves the document as it was.
   */
  | { readonly op: 'batch'; readonly edits: readonly NotebookEdit[] };

export type NotebookEditOp = NotebookEdit['op'];
