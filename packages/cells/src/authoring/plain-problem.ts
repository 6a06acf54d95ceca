import type { DocumentProblem } from '../document/document-error';
import { isPlainObject } from '../document/param-schema';
import type { CellKindSchema } from '../kinds/kind-schema';
import type { CellError } from '../runtime/cell-state';
import { plainMessage } from './plain-wording';

/**
 * A document problem or a cell's parameter error as a sentence a student can act on:
 * `cells[2].params.stride: must be an integer >= 1, got 0` becomes
 * "Convolution 'Edges': stride must be a whole number ≥ 1 — got 0". The cell is named by its kind and
 * title (or id), the field by its label; the JSON path stays available as a detail for the curious.
 */

/** The words a kind gives its cells and fields. Structural, so the page can build it from its kind info. */
export interface KindWords {
  readonly label: string;
  /** Parameter name → its label ("stride" → "Stride"). */
  readonly fieldLabels: Readonly<Record<string, string>>;
  /** Input slot name → its label, when it has one. */
  readonly slotLabels?: Readonly<Record<string, string>>;
}

export type KindWordsLookup = (kind: string) => KindWords | undefined;

export interface PlainProblem {
  /** The whole sentence. */
  readonly text: string;
  /** Who: "Convolution 'Edges'", "The notebook". */
  readonly subject: string;
  /** Which field in words ("stride", "the kernel input"), when the problem is about one. */
  readonly field?: string | undefined;
  /** What is wrong, in plain words. */
  readonly message: string;
  /** The JSON path, kept as a detail. */
  readonly path: string;
  /** The cell's id, when the problem is inside a cell (so the UI can put it there). */
  readonly cellId?: string | undefined;
  /** The top-level parameter name, when the problem is about one (so its control can show an error state). */
  readonly param?: string;
}

/** Kind words from registered kinds (the runner, the worker, tests); the page may build its own. */
export function kindWordsFrom(kinds: readonly CellKindSchema[]): KindWordsLookup {
  const table = new Map<string, KindWords>(
    kinds.map((kind) => [
      kind.kind,
      {
        label: kind.label,
        fieldLabels: Object.fromEntries(
          Object.entries(kind.paramFields).flatMap(([name, s]) => (s.label ? [[name, s.label]] : [])),
        ),
        slotLabels: Object.fromEntries(
          Object.entries(kind.inputs).flatMap(([name, s]) => (s.label ? [[name, s.label]] : [])),
        ),
      },
    ]),
  );
  return (kind) => table.get(kind);
}

const CELL_PATH = /^cells\[(\d+)\](?:\.(params|inputs|id|kind|title)(.*))?$/;

/** Words for one problem of a document (`document` as loaded: it may itself be malformed). */
export function describeProblem(
  problem: DocumentProblem,
  document: unknown,
  words: KindWordsLookup,
): PlainProblem {
  const message = plainMessage(problem.message);
  const match = CELL_PATH.exec(problem.path);
  if (!match) {
    const field = problem.path === '' ? undefined : documentField(problem.path);
    return sentence('The notebook', field, message, problem.path);
  }
  const index = Number(match[1]);
  const cell = cellAt(document, index);
  const kind = typeof cell?.kind === 'string' ? words(cell.kind) : undefined;
  // A bad id cannot name its own cell: say where the cell is instead.
  const subject =
    match[2] === 'id' ? `Cell ${index + 1} (${kind?.label ?? 'unknown kind'})` : cellName(cell, kind, index);
  const cellId = typeof cell?.id === 'string' ? cell.id : undefined;
  const section = match[2];
  const rest = match[3] ?? '';
  const base = { cellId };
  if (section === 'params' && rest !== '') {
    const [, param = '', tail = ''] = /^\.([^.[]+)(.*)$/.exec(rest) ?? [];
    const label = kind?.fieldLabels[param] ?? humanize(param);
    const field = `${lowerFirst(label)}${describeTail(tail)}`;
    return { ...sentence(subject, field, message, problem.path), ...base, param };
  }
  if (section === 'inputs' && rest !== '') {
    const slot = rest.slice(1);
    return {
      ...sentence(
        subject,
        `the ${lowerFirst(kind?.slotLabels?.[slot] ?? humanize(slot))} input`,
        message,
        problem.path,
      ),
      ...base,
    };
  }
  const field = section === undefined || section === 'params' ? undefined : section;
  return { ...sentence(subject, field, message, problem.path), ...base };
}

/**
 * A cell's runtime error in the same words. Parameter errors arrive as "path: message; path: message"
 * (the scheduler joins every problem); other errors are already sentences about the cell.
 */
export function describeCellError(
  error: CellError,
  cell: { readonly id: string; readonly kind: string; readonly title?: string },
  words: KindWordsLookup,
): PlainProblem[] {
  const kind = words(cell.kind);
  const parts = error.message.split(/;\s(?=cells\[\d+\])/);
  return parts.map((part) => {
    const located = /^(cells\[(\d+)\][^:]*): (.*)$/s.exec(part);
    if (!located)
      return {
        ...sentence(cellName(cell, kind, -1), undefined, plainMessage(part), error.path ?? ''),
        cellId: cell.id,
      };
    const index = Number(located[2]);
    const cells: unknown[] = [];
    cells[index] = cell;
    return describeProblem({ path: located[1] ?? '', message: located[3] ?? '' }, { cells }, words);
  });
}

/** How a cell is named in every sentence about it: "Convolution 'Edges'", or "Convolution conv1". */
export function nameCell(
  cell: { readonly id: string; readonly kind: string; readonly title?: string | undefined },
  words: KindWordsLookup,
): string {
  return cellName(cell, words(cell.kind), -1);
}

function sentence(subject: string, field: string | undefined, message: string, path: string): PlainProblem {
  const text = field === undefined ? `${subject}: ${message}` : `${subject}: ${field} ${message}`;
  return { text, subject, ...(field === undefined ? {} : { field }), message, path };
}

interface LooseCell {
  readonly id?: unknown;
  readonly kind?: unknown;
  readonly title?: unknown;
}

function cellAt(document: unknown, index: number): LooseCell | undefined {
  if (!isPlainObject(document) || !Array.isArray(document.cells)) return undefined;
  const cell: unknown = document.cells[index];
  return isPlainObject(cell) ? cell : undefined;
}

/** "Convolution 'Edges'", or "Convolution conv1" without a title, or "Cell 3" when even the id is bad. */
function cellName(cell: LooseCell | undefined, kind: KindWords | undefined, index: number): string {
  const label = kind?.label ?? 'Cell';
  if (typeof cell?.title === 'string' && cell.title.trim() !== '') return `${label} '${cell.title.trim()}'`;
  if (typeof cell?.id === 'string' && cell.id !== '') return `${label} ${cell.id}`;
  return index >= 0 ? `Cell ${index + 1}` : label;
}

/** `.shape[2]` → ", shape, entry 3"; `[1][0]` → ", entry (2, 1)"; counting from 1 as people do. */
function describeTail(tail: string): string {
  let out = '';
  for (const piece of tail.match(/\.[^.[]+|(?:\[\d+\])+/g) ?? []) {
    if (piece.startsWith('.')) {
      out += ` ${humanize(piece.slice(1)).toLowerCase()}`;
      continue;
    }
    const indices = [...piece.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
    out += indices.length === 1 ? `, entry ${indices[0]}` : `, entry (${indices.join(', ')})`;
  }
  return out;
}

function documentField(path: string): string {
  const names: Readonly<Record<string, string>> = {
    cells: 'cell list',
    format: 'format',
    version: 'version',
    title: 'title',
  };
  return names[path] ?? path;
}

/** `learningRate` → "Learning rate". */
function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Stride" → "stride" in mid-sentence; leaves acronyms such as "RGB" alone. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
