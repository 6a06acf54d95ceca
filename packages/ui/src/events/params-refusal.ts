import { findKindSchema, formatProblem } from '@convbook/cells';

/**
 * The editors' half of one rule: what the app accepts, a file, a link and the runner accept too. Every
 * editor checks an edit with the cell kind's own schema — the one the loader uses — before sending it,
 * and shows the reason instead of sending a value the loader would refuse (a weight of 1e39, beyond
 * float32; a pool of size 0). The typed text stays in its field, so nothing typed is lost.
 *
 * Returns the sentence to show, or undefined when the edit may be sent.
 */
export function paramsRefusal(
  kind: string,
  params: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): string | undefined {
  const problems = paramsProblems(kind, params, patch);
  if (problems.length === 0) return undefined;
  const parsed = { problems };
  const reasons = parsed.problems
    .slice(0, 3)
    .map((p) => formatProblem({ ...p, path: p.path.replace(PREFIX, '') }));
  const more = parsed.problems.length > 3 ? ` (and ${parsed.problems.length - 3} more)` : '';
  return `Not applied: ${reasons.join('; ')}${more}.`;
}

/** The schema's problems with the params after the patch (paths start at `params`); none when it may be sent. */
export function paramsProblems(
  kind: string,
  params: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): readonly { readonly path: string; readonly message: string }[] {
  const spec = findKindSchema(kind);
  if (spec === undefined) return [];
  const merged = new Map(Object.entries(params));
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) merged.delete(key);
    else merged.set(key, value);
  }
  const parsed = spec.parseParams(Object.fromEntries(merged), PATH);
  return 'problems' in parsed ? parsed.problems : [];
}

const PATH = 'params';
const PREFIX = /^params\.?/;
