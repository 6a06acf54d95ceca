import { describe, expect, it } from 'vitest';
import { topoSort } from './topo-sort';

describe('topoSort', () => {
  it('puts dependencies first whatever the reading order', () => {
    const deps: Record<string, string[]> = { d: ['b', 'c'], b: ['a'], c: ['a'], a: [] };
    const { order, cycles } = topoSort(['d', 'c', 'b', 'a'], (n) => deps[n] ?? []);
    expect(order.indexOf('a')).toBe(0);
    expect(order.indexOf('d')).toBe(3);
    expect(cycles).toEqual([]);
  });

  it('finds every cycle, including a node that depends on itself', () => {
    const deps: Record<string, string[]> = { a: ['c'], b: ['a'], c: ['b'], d: ['c'], e: ['e'], f: [] };
    const { order, cycles } = topoSort(['a', 'b', 'c', 'd', 'e', 'f'], (n) => deps[n] ?? []);
    expect(cycles).toEqual([['a', 'b', 'c'], ['e']]);
    expect(order.indexOf('d')).toBeGreaterThan(order.indexOf('c'));
  });
});
