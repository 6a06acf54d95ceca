import fc from 'fast-check';
import type { Schema } from '../document/param-schema';
import { nastyNumber, nastyValue } from './arbitraries';

/**
 * Test-only: values for a parameter schema, read from its `meta` — mostly inside the schema (edge values
 * first: min, max, −0, one past the end), sometimes anything at all. Inside values reach compute, where the
 * math has to cope; outside values must be caught by validation.
 */
export function schemaValue(schema: Schema<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: insideValue(schema) }, { weight: 1, arbitrary: nastyValue });
}

function insideValue(schema: Schema<unknown>): fc.Arbitrary<unknown> {
  const meta = schema.meta;
  switch (meta.type) {
    case 'int':
      return fc.oneof(
        fc.integer({ min: meta.min, max: Math.min(meta.max, meta.min + 8) }),
        fc.constantFrom(meta.min, meta.max, meta.min - 1, meta.max + 1),
      );
    case 'num': {
      const min = meta.min ?? -1e38;
      const max = meta.max ?? 1e38;
      return fc.oneof(
        fc.constantFrom(min, max, 0, -0, (min + max) / 2).filter((n) => n >= min && n <= max),
        fc.double({ min, max, noNaN: true }),
        nastyNumber,
      );
    }
    case 'bool':
      return fc.boolean();
    case 'str':
      return fc.oneof(
        fc.string({ maxLength: Math.min(meta.maxLength, 20) }),
        fc.constant('x'.repeat(meta.maxLength + 1)),
      );
    case 'oneOf':
      return fc.constantFrom(...meta.options);
    case 'optional':
      return fc.oneof(fc.constant(undefined), insideValue(meta.inner));
    case 'default':
      return fc.oneof(fc.constant(undefined), insideValue(meta.inner));
    case 'numberArray':
      return fc.array(insideValue(meta.item), {
        minLength: meta.minLength,
        maxLength: Math.min(meta.maxLength, Math.max(meta.minLength, 6)),
      });
    case 'tensor':
      return fc
        .constantFrom(...meta.maxShapes)
        .chain((limits) => nestedNumbers(limits.map((n) => Math.min(n, 5))));
    case 'union': {
      // The image transforms list describes itself as the union of its entries, so also try lists of them.
      const one = fc.oneof(...meta.options.map(insideValue));
      return fc.oneof(one, fc.array(one, { minLength: 1, maxLength: 3 }));
    }
    case 'object':
      return fc.record(
        Object.fromEntries(Object.entries(meta.fields).map(([key, field]) => [key, insideValue(field)])),
        {
          requiredKeys: [],
        },
      );
  }
}

/** A rectangular nested array with each dimension between 1 and its limit, entries mostly finite. */
function nestedNumbers(limits: readonly number[]): fc.Arbitrary<unknown> {
  const entry = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
    { weight: 1, arbitrary: nastyNumber },
  );
  return fc
    .tuple(...limits.map((limit) => fc.integer({ min: 1, max: limit })))
    .chain((shape) =>
      shape.reduceRight<fc.Arbitrary<unknown>>(
        (inner, size) => fc.array(inner, { minLength: size, maxLength: size }),
        entry,
      ),
    );
}
