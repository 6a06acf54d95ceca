import type { CellSpec, CellState } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { newCellPlan, valueShape } from './new-cell-plan';
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
const kinds = new Map<string, KindInfo>([
  ['image', kind('image', {}, 'tensor')],
  ['kernel', kind('kernel', {}, 'kernel')],
  ['conv', kind('conv', { input: 'tensor', kernel: 'kernel' }, 'tensor')],
  [
    'loss',
    {
      ...kind('loss', { prediction: 'tensor' }, 'loss'),
      inputs: {
        prediction: { accepts: ['tensor'], optional: false },
        target: { accepts: ['tensor'], optional: true },
      },
    },
  ],
]);
const ok = (tensor: Tensor): CellState => ({
  status: 'ok',
  version: 1,
  ms: 0,
  value: { type: 'tensor', tensor },
});

describe('newCellPlan', () => {
  it('starts a conv valid and reads the image rather than a target map made from it', () => {
    const cells: CellSpec[] = [
      { id: 'img', kind: 'image' },
      { id: 'k', kind: 'kernel' },
      { id: 'target', kind: 'conv', inputs: { input: 'img', kernel: 'k' } },
      { id: 'guess', kind: 'kernel' },
    ];
    const plan = newCellPlan(kinds.get('conv') as KindInfo, cells, kinds, 4);
    expect(plan.spec).toEqual({
      id: 'conv1',
      kind: 'conv',
      inputs: { input: 'img', kernel: 'guess' },
      params: { padding: 'valid' },
    });
  });

  it('pairs a loss by the shapes in the cell states', () => {
    const cells: CellSpec[] = [
      { id: 'a', kind: 'image' },
      { id: 'b', kind: 'image' },
      { id: 'c', kind: 'conv' },
    ];
    const states = new Map([
      ['a', ok(new Tensor([1, 2, 3]))],
      ['b', ok(new Tensor([1, 1, 1]))],
      ['c', ok(new Tensor([1, 2, 3]))],
    ]);
    expect(newCellPlan(kinds.get('loss') as KindInfo, cells, kinds, 3, states).spec.inputs).toEqual({
      prediction: 'c',
      target: 'a',
    });
  });

  it('reads no shape from a pending or failed cell', () => {
    expect(valueShape({ status: 'pending', version: 1 })).toBeUndefined();
    expect(valueShape({ status: 'error', version: 1, error: { message: 'x' } })).toBeUndefined();
  });
});
