import { describe, expect, it } from 'vitest';
import { duplicateCellSpec, freshId } from './default-cell';

const cells = [
  { id: 'img', kind: 'image' },
  { id: 'k', kind: 'kernel' },
  { id: 'conv1', kind: 'conv' },
  { id: 'n', kind: 'note' },
];

describe('freshId and duplicateCellSpec', () => {
  it('picks the smallest free number', () => {
    expect(freshId('conv', [{ id: 'conv1' }, { id: 'conv3' }])).toBe('conv2');
  });
  it('numbers a copy after the original', () => {
    expect(duplicateCellSpec({ id: 'k2', kind: 'kernel' }, [{ id: 'k2' }]).id).toBe('k3');
    expect(duplicateCellSpec({ id: 'edges', kind: 'conv' }, [{ id: 'edges' }]).id).toBe('edges1');
  });

  it('copies params and inputs under a new id and title', () => {
    const copy = duplicateCellSpec(
      { id: 'conv1', kind: 'conv', title: 'Edges', inputs: { input: 'img' }, params: { stride: 2 } },
      cells,
    );
    expect(copy).toEqual({
      id: 'conv2',
      kind: 'conv',
      title: 'Edges (copy)',
      inputs: { input: 'img' },
      params: { stride: 2 },
    });
  });
});
