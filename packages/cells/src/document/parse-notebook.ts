import { DocumentError } from './document-error';
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
    const position = /position (\d+)/.exec(detail);
    const where = position === null ? '' : ` at ${lineAndColumn(text, Number(position[1]))}`;
    throw new DocumentError([{ path: '', message: `not valid JSON${where}: ${detail}` }]);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}
