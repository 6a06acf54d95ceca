import { type DocumentProblem, validateNotebookText } from './notebook-file';
import { decodeShareFragment, isShareFragment } from './share-link';

/** What a page address's fragment held. */
export type SharedDocument<D> =
  | { readonly status: 'none' }
  | { readonly status: 'ok'; readonly doc: D }
  | { readonly status: 'broken'; readonly message: string }
  | { readonly status: 'invalid'; readonly source: string; readonly problems: readonly DocumentProblem[] };

/** Decodes and validates a `#share=…` fragment, reporting every way it can fail. */
export async function readShareLink<D>(hash: string, parse: (text: string) => D): Promise<SharedDocument<D>> {
  if (!isShareFragment(hash)) return { status: 'none' };
  const decoded = await decodeShareFragment(hash);
  if (decoded.status === 'error') return { status: 'broken', message: decoded.message };
  const result = validateNotebookText(decoded.text, parse, 'the share link');
  return result.status === 'ok' ? { status: 'ok', doc: result.document } : result;
}
