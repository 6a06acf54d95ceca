import { describe, expect, it } from 'vitest';
import { duplicateCellSpec, freshId, newCellSpec } from './default-cell';
import type { KindInfo } from './value-types';

const kind = (
  name: string,
  slots: Record<string, KindInfo['output']>,
  output: KindInfo['output'],
): KindInfo => ({
  kind: name,
  label: name,
  description: '',
  inputs: Object.fromEntries(
    Object.entries(slots).map(([slot, type]) => [slot, { accepts: [type], optional: false }]),
  ),
  output,
  controls: [],
});
// Defaults and cell-naming params come from the kinds' own definitions (defineCellKind).
const kinds = new Map<string, KindInfo>([
  ['image', kind('image', {}, 'tensor')],
  ['kernel', kind('kernel', {}, 'kernel')],
  [
    'conv',
    { ...kind('conv', { input: 'tensor', kernel: 'kernel' }, 'tensor'), defaults: { padding: 'same' } },
  ],
  ['loss', kind('loss', { prediction: 'tensor', target: 'tensor' }, 'loss')],
  [
    'grad',
    {
      ...kind('grad', { loss: 'loss' }, 'grad'),
      defaults: { target: 'kernel' },
      cellParams: { kernelCell: 'kernel' },
    },
  ],
  ['note', kind('note', {}, 'note')],
]);
const cells = [
  { id: 'img', kind: 'image' },
  { id: 'k', kind: 'kernel' },
  { id: 'conv1', kind: 'conv' },
  { id: 'n', kind: 'note' },
];

describe('newCellSpec', () => {
  it('wires a new conv to the nearest map and kernel above it', () => {
    const spec = newCellSpec(kinds.get('conv')!, cells, kinds, cells.length);
    expect(spec).toEqual({
      id: 'conv2',
      kind: 'conv',
      inputs: { input: 'conv1', kernel: 'k' },
      params: { padding: 'same' },
    });
  });

  it('wires two tensor slots to two different cells', () => {
    const spec = newCellSpec(kinds.get('loss')!, cells, kinds, cells.length);
    expect(spec.inputs).toEqual({ prediction: 'conv1', target: 'img' });
  });

  it('only looks above the insertion point and leaves unmatched slots empty', () => {
    const spec = newCellSpec(kinds.get('conv')!, cells, kinds, 1);
    expect(spec.inputs).toEqual({ input: 'img' });
  });

  it('points a new grad cell at the nearest kernel', () => {
    const spec = newCellSpec(kinds.get('grad')!, [...cells, { id: 'l', kind: 'loss' }], kinds, 5);
    expect(spec.inputs).toEqual({ loss: 'l' });
    expect(spec.params).toMatchObject({ target: 'kernel', kernelCell: 'k' });
  });
});

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
