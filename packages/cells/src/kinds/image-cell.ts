import { tensor } from '@convbook/core';
import { loadImageSource, transformImage } from './image/image-source';
import { imageSchema } from './image-schema';
import { withCompute } from './kind-compute';

/** Runs image cells (the schema, image-schema.ts, is what the page reads). */
export const imageCell = withCompute(imageSchema, {
  compute: (_inputs, params) => {
    let image = loadImageSource(params);
    if (image === undefined) {
      const literal = tensor(params.values ?? []);
      image = literal.rank === 2 ? literal.reshape([1, ...literal.shape]) : literal;
    }
    return { type: 'tensor', tensor: transformImage(image, params.transforms) };
  },
});
