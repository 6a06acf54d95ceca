/** One thing wrong with a document, at a JSON path such as `cells[3].params.stride`. */
export interface DocumentProblem {
  /** Empty for the document as a whole. */
  readonly path: string;
  readonly message: string;
}

/**
 * A notebook document that cannot be loaded, with every problem found (not just the first). The message
 * has one line per problem: `cells[3].params.stride: must be an integer >= 1, got 0`.
 */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  constructor(readonly problems: readonly DocumentProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(problem: DocumentProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
