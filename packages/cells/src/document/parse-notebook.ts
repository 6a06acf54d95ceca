import { DocumentError } from './document-error';
import { describeJsonError } from './json-error';
import type { NotebookDocument } from './notebook-document';
import { type ValidationOptions, validateNotebook } from './validate-notebook';

/**
 * Reads a notebook from JSON text or an already parsed value. Returns a validated document, or throws a
 * DocumentError listing every problem; nothing is half-loaded. Unwired or dangling inputs are accepted
 * (the cell reports them) unless `strictWiring` asks otherwise.
 */
export function parseNotebook(source: string | unknown, options: ValidationOptions = {}): NotebookDocument {
  const value = typeof source === 'string' ? parseJson(source) : source;
  const result = validateNotebook(value, options);
  if (!result.ok) throw new DocumentError(result.problems);
  return result.document;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DocumentError([{ path: '', message: describeJsonError(text, detail) }]);
  }
}
