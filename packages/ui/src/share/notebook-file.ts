import { formatBytes, MAX_DOCUMENT_BYTES } from './share-link';

/**
 * Notebooks as files: `<title>.convbook.json` out, any file in. An imported file is checked with the
 * document parser and either yields a document or the full list of problems, so the person can fix them
 * all in one go; nothing is created or changed until it is valid.
 */

export const NOTEBOOK_FILE_SUFFIX = '.convbook.json';

export interface DocumentProblem {
  readonly path: string;
  readonly message: string;
}

export type ImportResult<D> =
  | { readonly status: 'ok'; readonly document: D }
  | { readonly status: 'invalid'; readonly source: string; readonly problems: readonly DocumentProblem[] };

/** A file name made from the title: characters that file systems reject become '-', never empty. */
export function exportFileName(title: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120);
  return `${safe || 'notebook'}${NOTEBOOK_FILE_SUFFIX}`;
}

/**
 * Runs the parser over a document's text and collects what it reported. `parse` is cells' `parseNotebook`,
 * whose `DocumentError` lists every problem; anything else it throws becomes a single problem.
 */
export function validateNotebookText<D>(
  text: string,
  parse: (text: string) => D,
  source: string,
): ImportResult<D> {
  try {
    return { status: 'ok', document: parse(text) };
  } catch (error) {
    return { status: 'invalid', source, problems: problemsOf(error) };
  }
}

/** Reads a picked or dropped file and validates it; a file too large to be a notebook is not read. */
export async function readNotebookFile<D>(
  file: Blob & { readonly name: string },
  parse: (text: string) => D,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<ImportResult<D>> {
  if (file.size > maxBytes) {
    return invalid(
      file.name,
      `the file is ${formatBytes(file.size)}; notebooks are at most ${formatBytes(maxBytes)}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return invalid(file.name, 'the file is not UTF-8 text');
  }
  return validateNotebookText(text, parse, file.name);
}

/** Offers the text as a download (the browser's own save prompt). */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function problemsOf(error: unknown): DocumentProblem[] {
  if (typeof error === 'object' && error !== null && 'problems' in error && Array.isArray(error.problems)) {
    const problems = error.problems.filter(isProblem);
    if (problems.length > 0) return problems;
  }
  // Anything but the parser's own problems is an engine failure ("Invalid string length", "Maximum call
  // stack size exceeded"): its text is for developers, so the person reads a plain sentence instead.
  return [{ path: '(file)', message: UNREADABLE }];
}

/** What the person reads when the text could not be processed at all. */
export const UNREADABLE =
  'the text could not be read as a notebook (it is too large or too complex to process)';

function isProblem(value: unknown): value is DocumentProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function invalid<D>(source: string, message: string): ImportResult<D> {
  return { status: 'invalid', source, problems: [{ path: '(file)', message }] };
}
