import type { LayerSpec } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { shownColumns, sizeColumns, workColumns } from './stats-columns';
import { statsOf } from './stats-fixture.test-helper';

const conv: LayerSpec = { kind: 'conv', inChannels: 1, outChannels: 1, kernel: 3, padding: 'same' };

describe('stats table columns', () => {
  it('always names multiply-adds, comparisons and additions; scalings only when an average pool has some', () => {
    const headings = (layers: LayerSpec[]) =>
      shownColumns(workColumns, statsOf(layers)).map((c) => c.heading);
    expect(headings([conv, { kind: 'pool', size: 2 }])).toEqual([
      'Forward multiply-adds',
      'Forward comparisons',
      'Forward additions',
      'Backward multiply-adds',
      'Backward additions',
    ]);
    expect(headings([conv, { kind: 'pool', op: 'avg', size: 2 }])).toContain('Forward scalings');
  });

  it('reads a max pool row as 3 comparisons per 2×2 window and no multiply-adds', () => {
    const value = statsOf([conv, { kind: 'pool', size: 2 }]);
    const pool = value.layers[1];
    if (pool === undefined) throw new Error('no pool row');
    const read = Object.fromEntries(shownColumns(workColumns, value).map((c) => [c.heading, c.read(pool)]));
    expect(read).toMatchObject({ 'Forward multiply-adds': 0, 'Forward comparisons': 16 * 3 });
  });

  it('shows padding taps beside connections: 8×8 same 3×3 has 576 connections, 100 on padding', () => {
    const value = statsOf([conv]);
    const columns = shownColumns(sizeColumns, value);
    const row = value.layers[0];
    if (row === undefined) throw new Error('no conv row');
    // Real taps per axis: 8 × 3 − 2 = 22, so 22² = 484 of 576 meet a pixel.
    expect(columns.map((c) => c.read(row))).toEqual([64, 10, 576, 576 - 484]);
  });
});
