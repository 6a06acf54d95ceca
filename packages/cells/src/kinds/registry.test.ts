import { describe, expect, it } from 'vitest';
import { cellKinds, findCellKind } from './registry';
import { cellKindNames, cellKindSchemas, findKindSchema } from './schema-registry';

// The page reads the schemas, the worker the full kinds: both lists must name the same kinds, in the same
// order, and each full kind must be the very schema the page validates with, plus a compute.
describe('the two registries', () => {
  it('cover the same kinds in the same order', () => {
    expect(cellKinds.map((kind) => kind.kind)).toEqual(cellKindSchemas.map((schema) => schema.kind));
    expect(new Set(cellKindNames()).size).toBe(cellKindSchemas.length);
  });

  it.each(cellKindSchemas.map((schema) => [schema.kind, schema] as const))(
    '%s: the full kind is built from its schema and can compute',
    (name, schema) => {
      const kind = findCellKind(name);
      expect(kind?.schema).toBe(schema);
      expect(kind?.paramFields).toBe(schema.paramFields);
      expect(kind?.inputs).toBe(schema.inputs);
      expect(typeof kind?.compute).toBe('function');
      expect(findKindSchema(name)).toBe(schema);
    },
  );

  it('knows no kind that is not registered', () => {
    expect(findKindSchema('hologram')).toBeUndefined();
    expect(findCellKind('hologram')).toBeUndefined();
  });
});
