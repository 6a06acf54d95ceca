import { cellKindNames, findKindSchema } from '../kinds/schema-registry';
import type { DocumentProblem } from './document-error';
import { MAX_CELLS, MAX_ID_LENGTH, MAX_TITLE_LENGTH } from './limits';
import { migrateNotebook } from './migrate-notebook';
import { type CellSpec, NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type NotebookDocument } from './notebook-document';
import { isPlainObject, showValue } from './param-schema';

export interface ValidationOptions {
  /**
   * Refuse cells whose required input slots are unwired or name a cell that does not exist. Off by
   * default: the app makes such documents in the middle of editing (a conv added before any image), and
   * what the app exports, a file or a link must load; the runtime reports them on the cell instead, as it
   * does cycles. Slots a kind does not have, and targets that are not ids, are always refused.
   */
  readonly strictWiring?: boolean;
  /**
   * Accept parameters that fail their kind's schema. A user can type a stride of 0 in a live notebook; the
   * cell shows the error, and the saved copy must still reopen so nothing is lost. Only for documents this
   * app produced itself (autosave, undo): files and links from outside are checked strictly.
   */
  readonly lenientParams?: boolean;
}

export type Validation =
  | { readonly ok: true; readonly document: NotebookDocument }
  | { readonly ok: false; readonly problems: readonly DocumentProblem[] };

const DOCUMENT_KEYS = ['format', 'version', 'title', 'cells'];
const CELL_KEYS = ['id', 'kind', 'title', 'inputs', 'params'];
/** Ids become file names in the runner, so they stay to a safe alphabet. */
const ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * Checks a parsed JSON value against the notebook format and every cell kind's schema, collecting every
 * problem. Returns a fresh, deep-copied document (nothing shared with the input) only when there are none.
 * Cycles between cells are not checked here: the runtime reports them on the cells involved.
 */
export function validateNotebook(value: unknown, options: ValidationOptions = {}): Validation {
  if (!isPlainObject(value)) {
    return fail({ path: '', message: `a notebook must be a JSON object, got ${showValue(value)}` });
  }
  if (value.format !== NOTEBOOK_FORMAT) {
    return fail({ path: 'format', message: `must be "${NOTEBOOK_FORMAT}", got ${showValue(value.format)}` });
  }
  const migrated = migrateNotebook(value);
  if ('problem' in migrated) return fail(migrated.problem);
  const raw = migrated.document;

  const problems: DocumentProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (!DOCUMENT_KEYS.includes(key)) problems.push({ path: key, message: 'unknown field' });
  }
  const title = raw.title ?? '';
  checkTitle(title, 'title', problems);
  const cells = raw.cells;
  if (!Array.isArray(cells)) {
    problems.push({ path: 'cells', message: `must be an array of cells, got ${showValue(cells)}` });
    return fail(...problems);
  }
  if (cells.length > MAX_CELLS) {
    problems.push({ path: 'cells', message: `has ${cells.length} cells, the limit is ${MAX_CELLS}` });
    return fail(...problems);
  }
  const ids = collectIds(cells, problems);
  for (const [index, cell] of cells.entries()) checkCell(cell, `cells[${index}]`, ids, problems, options);
  if (problems.length > 0) return fail(...problems);
  const document: NotebookDocument = {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title: title as string,
    cells: (cells as Record<string, unknown>[]).map(copyCell),
  };
  return { ok: true, document };
}

/** Validates one cell spec against a set of existing ids (used by the runtime's addCell). */
export function validateCellSpec(
  cell: unknown,
  path: string,
  ids: ReadonlySet<string>,
  options: ValidationOptions = {},
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const id = isPlainObject(cell) ? cell.id : undefined;
  checkId(id, `${path}.id`, problems);
  if (typeof id === 'string' && ids.has(id)) {
    problems.push({ path: `${path}.id`, message: `duplicate id "${id}"` });
  }
  checkCell(cell, path, new Set([...ids, ...(typeof id === 'string' ? [id] : [])]), problems, options);
  return problems;
}

export function copyCell(cell: Record<string, unknown>): CellSpec {
  const spec: { -readonly [K in keyof CellSpec]: CellSpec[K] } = {
    id: cell.id as string,
    kind: cell.kind as string,
  };
  if (cell.title !== undefined) spec.title = cell.title as string;
  if (cell.inputs !== undefined) spec.inputs = { ...(cell.inputs as Record<string, string>) };
  if (cell.params !== undefined) spec.params = structuredClone(cell.params as Record<string, unknown>);
  return spec;
}

function fail(...problems: DocumentProblem[]): Validation {
  return { ok: false, problems };
}

function collectIds(cells: readonly unknown[], problems: DocumentProblem[]): Set<string> {
  const ids = new Set<string>();
  cells.forEach((cell, index) => {
    const id = isPlainObject(cell) ? cell.id : undefined;
    if (!checkId(id, `cells[${index}].id`, problems)) return;
    if (ids.has(id)) problems.push({ path: `cells[${index}].id`, message: `duplicate id "${id}"` });
    ids.add(id);
  });
  return ids;
}

function checkId(id: unknown, path: string, problems: DocumentProblem[]): id is string {
  if (id === undefined) problems.push({ path, message: 'is required: a short name such as "conv1"' });
  else if (typeof id !== 'string') problems.push({ path, message: `must be a string, got ${showValue(id)}` });
  else if (id === '') problems.push({ path, message: 'must not be empty' });
  else if (id.length > MAX_ID_LENGTH) {
    problems.push({ path, message: `must be at most ${MAX_ID_LENGTH} characters, got ${id.length}` });
  } else if (!ID_PATTERN.test(id)) {
    problems.push({
      path,
      message: `must use only letters, digits, "_", "-" and "." (not first), got ${showValue(id)}`,
    });
  } else return true;
  return false;
}

function checkTitle(title: unknown, path: string, problems: DocumentProblem[]): void {
  if (typeof title !== 'string')
    problems.push({ path, message: `must be a string, got ${showValue(title)}` });
  else if (title.length > MAX_TITLE_LENGTH) {
    problems.push({ path, message: `must be at most ${MAX_TITLE_LENGTH} characters, got ${title.length}` });
  }
}

/** Everything about one cell except its id's uniqueness (checked across cells). */
function checkCell(
  cell: unknown,
  path: string,
  ids: ReadonlySet<string>,
  problems: DocumentProblem[],
  options: ValidationOptions,
): void {
  if (!isPlainObject(cell)) {
    problems.push({ path, message: `a cell must be an object, got ${showValue(cell)}` });
    return;
  }
  for (const key of Object.keys(cell)) {
    if (!CELL_KEYS.includes(key)) problems.push({ path: `${path}.${key}`, message: 'unknown field' });
  }
  if (cell.title !== undefined) checkTitle(cell.title, `${path}.title`, problems);
  const kind = typeof cell.kind === 'string' ? findKindSchema(cell.kind) : undefined;
  if (kind === undefined) {
    const message =
      cell.kind === undefined
        ? `is required: one of ${cellKindNames().join(', ')}`
        : `unknown kind ${showValue(cell.kind)} (known: ${cellKindNames().join(', ')})`;
    problems.push({ path: `${path}.kind`, message });
    return;
  }
  const inputs = cell.inputs ?? {};
  if (!isPlainObject(inputs)) {
    problems.push({
      path: `${path}.inputs`,
      message: `must be an object of slot → cell id, got ${showValue(inputs)}`,
    });
  } else {
    for (const [slot, target] of Object.entries(inputs)) {
      const slotPath = `${path}.inputs.${slot}`;
      if (!Object.hasOwn(kind.inputs, slot)) {
        const known = Object.keys(kind.inputs);
        const list =
          known.length > 0 ? `slots of ${kind.kind}: ${known.join(', ')}` : `${kind.kind} takes no inputs`;
        problems.push({ path: slotPath, message: `unknown input slot (${list})` });
      } else if (typeof target !== 'string') {
        problems.push({ path: slotPath, message: `must be a cell id, got ${showValue(target)}` });
      } else if (!ids.has(target) && options.strictWiring === true) {
        problems.push({ path: slotPath, message: `refers to missing cell "${target}"` });
      }
    }
    for (const [slot, spec] of Object.entries(kind.inputs)) {
      if (!spec.optional && inputs[slot] === undefined && options.strictWiring === true) {
        problems.push({
          path: `${path}.inputs.${slot}`,
          message: `is required: a ${spec.accepts.join(' or ')} cell`,
        });
      }
    }
  }
  const params = cell.params ?? {};
  if (options.lenientParams === true) {
    if (!isPlainObject(params)) {
      problems.push({ path: `${path}.params`, message: `must be an object, got ${showValue(params)}` });
    }
    return;
  }
  const parsed = kind.parseParams(params, `${path}.params`);
  if ('problems' in parsed) problems.push(...parsed.problems);
}
