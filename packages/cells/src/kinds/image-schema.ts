import type { DocumentProblem } from '../document/document-error';
import { MAX_CHANNELS, MAX_IMAGE_SIDE } from '../document/limits';
import { describe, optional } from '../document/param-schema';
import { tensorLiteral } from '../document/tensor-literal';
import { pngSchema, sampleSchema, transformsSchema } from './image/image-source';
import { defineKindSchema } from './kind-schema';

const SOURCES = ['values', 'sample', 'png'] as const;

/**
 * An input picture from exactly one source — numbers typed in ([H][W] or [C][H][W]), a built-in sample, or
 * an uploaded PNG stored as base64 — followed by optional transforms. The value is always [C, H, W].
 */
export const imageSchema = defineKindSchema({
  kind: 'image',
  label: 'Image',
  description:
    'An input image: typed-in numbers, a built-in sample or an uploaded PNG, optionally transformed.',
  inputs: {},
  params: {
    values: optional(
      describe(
        tensorLiteral([MAX_IMAGE_SIDE, MAX_IMAGE_SIDE], [MAX_CHANNELS, MAX_IMAGE_SIDE, MAX_IMAGE_SIDE]),
        'Values',
        'Pixel values as [rows][columns], or [channels][rows][columns].',
      ),
    ),
    sample: optional(sampleSchema),
    png: optional(pngSchema),
    transforms: optional(transformsSchema),
  },
  output: 'tensor',
  defaults: { sample: { name: 'checkerboard', size: 16 } },
  validateParams: (params) => {
    const given = SOURCES.filter((source) => params[source] !== undefined);
    if (given.length === 1) return [];
    const got = given.length === 0 ? 'none' : given.join(' and ');
    const problem: DocumentProblem = {
      path: '',
      message: `needs exactly one of ${SOURCES.join(', ')}; got ${got}`,
    };
    return [problem];
  },
});
