import fc from 'fast-check';

/** Numbers that break float math: NaN, both infinities, negative zero, and magnitudes near float32's limit. */
export const breakingNumber: fc.Arbitrary<number> = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e38,
  -1e38,
);
