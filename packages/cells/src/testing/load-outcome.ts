import { DocumentError } from '../document/document-error';
import type { NotebookDocument } from '../document/notebook-document';
import { parseNotebook } from '../document/parse-notebook';

/**
 * Test-only checks shared by the fuzz tests: what loading a hostile document may end in, and what a message
 * shown to a person may look like.
 */

/** Engine messages that mean a bug leaked through as text instead of a sentence written for a person. */
const LEAKED_ENGINE_ERROR =
  /\[object Object\]|(?<!")undefined|Cannot read prop|Cannot set prop|is not a function|is not iterable|is not a constructor|Invalid (typed )?array length|Maximum call stack|out of memory/;

/** Throws when a message a user would read carries a JavaScript engine error or a stringified object. */
export function expectReadableMessage(message: string, context: string): void {
  if (message.trim() === '') throw new Error(`${context}: empty message`);
  const leak = LEAKED_ENGINE_ERROR.exec(message);
  if (leak !== null) throw new Error(`${context}: message leaks "${leak[0]}": ${message.slice(0, 300)}`);
}

export type LoadOutcome =
  | { readonly status: 'loaded'; readonly document: NotebookDocument }
  | { readonly status: 'refused'; readonly error: DocumentError };

/**
 * Loads `source` and checks the only two endings allowed: a document, or a DocumentError whose every
 * problem has a path and a readable message. Anything else thrown propagates and fails the property.
 */
export function loadOrRefuse(source: unknown): LoadOutcome {
  let document: NotebookDocument;
  try {
    document = parseNotebook(source);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    checkProblems(error, source);
    return { status: 'refused', error };
  }
  return { status: 'loaded', document };
}

function checkProblems(error: DocumentError, source: unknown): void {
  if (error.problems.length === 0) throw new Error('a DocumentError with no problems');
  for (const problem of error.problems) {
    if (typeof problem.path !== 'string') throw new Error(`a problem without a path: ${problem.message}`);
    expectReadableMessage(problem.message, `problem at "${problem.path}"`);
    const where = pathStart(problem.path, source);
    if (where !== undefined) throw new Error(`problem path "${problem.path}" ${where}`);
  }
}

const DOCUMENT_FIELDS = ['format', 'version', 'title', 'cells'];

/**
 * Checks the head of a path (`cells[3]` of `cells[3].params.stride`) against the document: it must name a
 * field the document has or must have, and a cell index that exists. Returns what is wrong, if anything.
 */
function pathStart(path: string, source: unknown): string | undefined {
  if (path === '') return undefined;
  const value = typeof source === 'string' ? safeJson(source) : source;
  if (typeof value !== 'object' || value === null) return 'points into a document that is not an object';
  // A key may itself hold "." or "[" (an unknown field named "a.b"): a path starting with an own key is fine.
  if (Object.keys(value).some((key) => path === key || path.startsWith(`${key}.`))) return undefined;
  const head = /^([^.[]+)(?:\[(\d+)\])?/.exec(path);
  if (head === null) return 'does not start with a field name';
  const [, field = '', index] = head;
  if (!Object.hasOwn(value, field) && !DOCUMENT_FIELDS.includes(field))
    return `names a missing field "${field}"`;
  if (index === undefined) return undefined;
  const list = (value as Record<string, unknown>)[field];
  if (!Array.isArray(list) || Number(index) >= list.length) return `names a missing entry [${index}]`;
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
