import { describe, expect, it } from 'vitest';
import { cellKindSchemas as cellKinds } from './schema-registry';

// What the UI reads from each kind instead of keeping tables of its own (issue 9).
describe('kind metadata', () => {
  it.each(cellKinds.map((kind) => [kind.kind, kind] as const))(
    '%s: its default params are valid',
    (_name, kind) => {
      const parsed = kind.parseParams(kind.defaults, 'params');
      expect('problems' in parsed ? parsed.problems : []).toEqual([]);
    },
  );

  it('names the cell-naming params and the slow kinds', () => {
    const grad = cellKinds.find((kind) => kind.kind === 'grad');
    expect(grad?.cellParams).toEqual({ kernelCell: 'kernel' });
    expect(cellKinds.filter((kind) => kind.slow).map((kind) => kind.kind)).toEqual(['grad']);
    expect(cellKinds.filter((kind) => kind.runsOn === 'demand').map((kind) => kind.kind)).toEqual(['train']);
  });
});
