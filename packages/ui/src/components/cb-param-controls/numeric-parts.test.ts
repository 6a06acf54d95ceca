import { describe, expect, it } from 'vitest';
import { numericParts, withPart } from './numeric-parts';

describe('numeric parts of structured parameters', () => {
  it('shows a selected weight [o, c, i, j] as 1-based kernel, channel, row and column', () => {
    const parts = numericParts('selectedWeight', [0, 0, 1, 2]);
    expect(parts?.map((p) => `${p.label} ${p.shown}`)).toEqual([
      'Kernel 1',
      'Channel 1',
      'Row 2',
      'Column 3',
    ]);
    // Typing row 1 stores index 0.
    expect(withPart([0, 0, 1, 2], parts![2]!, 1)).toEqual([0, 0, 0, 2]);
  });

  it('names a conv bank shape as the kernel cell does, and a dense one outputs × inputs, as sizes', () => {
    const bank = numericParts('shape', [16, 8, 5, 5]);
    expect(bank?.map((p) => `${p.label} ${p.shown}`)).toEqual([
      'Kernels 16',
      'Channels 8',
      'Rows 5',
      'Columns 5',
    ]);
    // Sizes are not indices: typing 4 kernels stores 4.
    expect(withPart([16, 8, 5, 5], bank![0]!, 4)).toEqual([4, 8, 5, 5]);
    expect(numericParts('shape', [10, 256])?.map((p) => `${p.label} ${p.shown}`)).toEqual([
      'Outputs 10',
      'Inputs 256',
    ]);
    // An entry count with no names falls back to numbering.
    expect(numericParts('shape', [2, 3, 4])?.map((p) => p.label)).toEqual(['Shape 1', 'Shape 2', 'Shape 3']);
  });

  it('edits the numbers of a flat object and leaves its other fields alone', () => {
    const train = { steps: 150, learningRate: 0.3, optimizer: 'sgd' };
    const parts = numericParts('train', train);
    expect(parts?.map((p) => [p.label, p.shown, p.integer])).toEqual([
      ['Steps', 150, true],
      ['Learning rate', 0.3, false],
    ]);
    expect(withPart(train, parts![1]!, 0.05)).toEqual({ steps: 150, learningRate: 0.05, optimizer: 'sgd' });
  });

  it('finds nothing to edit in strings, empty arrays or objects without numbers', () => {
    expect(numericParts('x', 'text')).toBeUndefined();
    expect(numericParts('x', [])).toBeUndefined();
    expect(numericParts('x', [1, 'a'])).toBeUndefined();
    expect(numericParts('x', { a: 'b' })).toBeUndefined();
    expect(numericParts('x', undefined)).toBeUndefined();
  });
});
