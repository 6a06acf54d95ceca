import type { NotebookLibrary, ReadResult } from './notebook-library';
import type { SessionContext } from './session-context';

/**
 * Reads a saved notebook and, when it cannot be used, tells the user why: a damaged record is a notice,
 * one that fails validation gets the import report with every problem. Undefined when unusable.
 */
export async function readUsable<D>(
  context: SessionContext<D>,
  library: NotebookLibrary<D>,
  id: string,
  tellUser: boolean,
): Promise<{ doc: D; revision: number } | undefined> {
  const read = await context.attempt(() => library.read(id));
  if (tellUser) reportRead(context, read);
  return read?.status === 'ok' ? read : undefined;
}

/** Tells the user why a stored notebook could not be used (nothing for a good or missing one). */
export function reportRead<D>(context: SessionContext<D>, read: ReadResult<D> | undefined): void {
  if (read?.status === 'damaged') {
    const text = `Could not open that notebook: ${read.reason}.`;
    context.notices.show({ id: 'open', severity: 'error', text });
  } else if (read?.status === 'invalid') {
    context.patch({ importReport: { source: `“${read.title}”`, problems: read.problems } });
  }
}
