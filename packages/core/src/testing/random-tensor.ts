import { createRandom } from '../random';
import { Tensor } from '../tensor';

/** A tensor of seeded values spread evenly over [-1, 1): the same seed gives the same tensor on every run. */
export function randomTensor(shape: readonly number[], seed: number): Tensor {
  const random = createRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    shape,
    Float32Array.from({ length: size }, () => random() * 2 - 1),
  );
}
