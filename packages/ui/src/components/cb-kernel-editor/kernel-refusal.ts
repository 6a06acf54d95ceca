import { plainMessage } from '@convbook/cells';
import { paramsProblems } from '../../events/params-refusal';
import { type KernelGrid, weightLabel } from './kernel-grid';

/**
 * Checks an edit of a kernel cell's params as the loader would (the kind's own schema, see
 * params-refusal.ts) and says what it refuses with the names the editor's fields go by:
 * "Not applied: gaussian size must be a whole number ≥ 1 — got 0. The kernel is unchanged." rather than
 * the schema's "gaussian.size: must be an integer >= 1, got 0". Undefined when the edit may be sent.
 */
export function kernelRefusal(
  params: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
  shape: KernelGrid['shape'],
): string | undefined {
  const problems = paramsProblems('kernel', params, patch);
  if (problems.length === 0) return undefined;
  const reasons = problems
    .slice(0, 3)
    .map((p) => `${kernelFieldName(p.path.replace(/^params\.?/, ''), shape)} ${plainMessage(p.message)}`);
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return `Not applied: ${reasons.join('; ')}${more}. The kernel is unchanged.`;
}

const NAMED_FIELDS: Readonly<Record<string, string>> = {
  '': 'the kernel',
  values: 'the weights',
  bias: 'the bias list',
  preset: 'the preset',
  'gaussian.size': 'gaussian size',
  'gaussian.sigma': 'gaussian σ',
  'random.seed': 'the seed',
  'random.shape': 'the random bank’s shape',
  'random.scale': 'the random scale',
};

/** A params path ("values[0][1]", "bias[1]") as the editor labels that field, counting from 1. */
export function kernelFieldName(path: string, shape: KernelGrid['shape']): string {
  const named = NAMED_FIELDS[path];
  if (named !== undefined) return named;
  const entry = /^(values|bias)((?:\[\d+\])+)$/.exec(path);
  const at = [...(entry?.[2] ?? '').matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  const [k = 0, c = 0, i = 0, j = 0] = at.length === 2 ? [0, 0, ...at] : at;
  if (entry?.[1] === 'bias' && at.length === 1) return shape[0] === 1 ? 'bias' : `bias ${k + 1}`;
  if (entry?.[1] === 'values' && (at.length === 2 || at.length === 4)) return weightLabel(shape, k, c, i, j);
  return path;
}
