import type { Tensor } from '@convbook/core';
import type { DocumentProblem } from '../../document/document-error';
import {
  describe,
  INVALID,
  int,
  isPlainObject,
  num,
  object,
  oneOf,
  optional,
  type Schema,
  showValue,
  str,
} from '../../document/param-schema';
import { applyTransforms, type ImageTransform } from './image-transforms';
import { base64ToBytes, decodePngImage, MAX_PNG_SIDE } from './png-codec';
import { renderSample, type SampleSpec, sampleNames } from './samples';
import { SHIFT_MODES } from './shift-tensor';

/**
 * The image cell's non-literal sources — a built-in sample or an uploaded PNG stored as base64 — and the
 * transforms applied after either. Kept apart from the cell definition so the cell file stays a list of
 * parameters plus one compute function.
 */
export const MAX_TRANSFORMS = 16;
/** Base64 grows bytes by 4/3; 24 MB of PNG is far beyond any 4096×4096 picture a notebook should carry. */
export const MAX_PNG_BASE64_LENGTH = 32_000_000;

export const sampleSchema = describe(
  object({
    name: oneOf(...sampleNames),
    size: optional(int(1, MAX_PNG_SIDE)),
    seed: optional(int(0, 2 ** 31 - 1)),
    angle: optional(num(-360, 360)),
    text: optional(str(16)),
  }),
  'Sample',
  'A built-in picture drawn from a name, a size and a seed.',
);

export const pngSchema = describe(
  str(MAX_PNG_BASE64_LENGTH),
  'Picture',
  'An uploaded PNG, stored in the notebook as base64.',
);

const side = int(1, MAX_PNG_SIDE);
const offset = int(-MAX_PNG_SIDE, MAX_PNG_SIDE);
const edge = int(0, MAX_PNG_SIDE);

/** One schema per transform, keyed by its `op`, so a bad field is reported at its own path. */
const transformSchemas = {
  grayscale: object({ op: oneOf('grayscale') }),
  resize: object({
    op: oneOf('resize'),
    height: side,
    width: side,
    method: optional(oneOf('bilinear', 'area')),
  }),
  shift: object({ op: oneOf('shift'), dx: offset, dy: offset, mode: optional(oneOf(...SHIFT_MODES)) }),
  normalize: object({ op: oneOf('normalize'), mode: oneOf('minmax', 'standard') }),
  crop: object({ op: oneOf('crop'), top: edge, left: edge, height: side, width: side }),
} as const;

const transformOps = Object.keys(transformSchemas) as (keyof typeof transformSchemas)[];
const opSchema = oneOf(...transformOps);

function checkTransform(entry: unknown, path: string, problems: DocumentProblem[]): unknown {
  if (!isPlainObject(entry)) {
    problems.push({ path, message: `must be a transform object, got ${showValue(entry)}` });
    return INVALID;
  }
  const op = opSchema.check(entry.op, `${path}.op`, problems);
  return op === INVALID ? INVALID : transformSchemas[op].check(entry, path, problems);
}

/**
 * A list of transforms, each checked against the schema its `op` names. The schema DSL has no
 * list-of-objects combinator yet, so this one describes itself to the editor as the union of the
 * transform shapes.
 */
export const transformsSchema: Schema<ImageTransform[]> = {
  meta: { type: 'union', options: Object.values(transformSchemas) },
  label: 'Transforms',
  description: 'Edits applied in order: grayscale, resize, shift, normalize, crop.',
  expected: `a list of at most ${MAX_TRANSFORMS} transforms`,
  check(value: unknown, path: string, problems: DocumentProblem[]) {
    if (!Array.isArray(value)) {
      problems.push({ path, message: `must be a list of transforms, got ${showValue(value)}` });
      return INVALID;
    }
    if (value.length > MAX_TRANSFORMS) {
      problems.push({ path, message: `must have at most ${MAX_TRANSFORMS} transforms, got ${value.length}` });
      return INVALID;
    }
    const before = problems.length;
    const out = value.map((entry, i) => checkTransform(entry, `${path}[${i}]`, problems));
    return problems.length > before ? INVALID : (out as ImageTransform[]);
  },
};

export interface ImageSourceParams {
  readonly sample?: SampleSpec | undefined;
  readonly png?: string | undefined;
  readonly transforms?: readonly ImageTransform[] | undefined;
}

/** The picture named by `sample` or `png` (the caller has checked that exactly one source is given). */
export function loadImageSource(params: ImageSourceParams): Tensor | undefined {
  if (params.sample !== undefined) return renderSample(params.sample);
  if (params.png !== undefined) return decodePngImage(base64ToBytes(params.png));
  return undefined;
}

export function transformImage(image: Tensor, transforms: readonly ImageTransform[] | undefined): Tensor {
  return transforms === undefined || transforms.length === 0 ? image : applyTransforms(image, transforms);
}
