import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellSpec } from '../document/notebook-document';
import { NotebookGraph } from './graph';

const cell = (id: string, ...inputs: string[]): CellSpec => ({
  id,
  kind: 'conv',
  inputs: Object.fromEntries(inputs.map((input, i) => [`slot${i}`, input])),
});

describe('NotebookGraph', () => {
  it('names a cycle in data-flow order from its first cell in reading order', () => {
    const graph = new NotebookGraph([cell('m'), cell('b', 'a'), cell('c', 'b'), cell('a', 'c', 'm')]);
    expect(graph.cycleOf('a')?.message).toBe('cycle: b → c → a → b');
    expect(graph.cycleOf('m')).toBeUndefined();
    expect(graph.cycleOf('c')?.cells).toEqual(['b', 'c', 'a']);
  });

  it('names a 500-cell cycle of 100-character ids in under 1000 characters, by its ends and its length', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `${String(i).padStart(3, '0')}${'x'.repeat(97)}`);
    const graph = new NotebookGraph(ids.map((id, i) => cell(id, at(ids, (i + 499) % 500))));
    const message = graph.cycleOf(at(ids, 250))?.message ?? '';
    expect(message.length).toBeLessThan(1000);
    expect(message).toMatch(
      /^cycle of 500 cells: 000x+ → 001x+ → 002x+ → 003x+ → … → 497x+ → 498x+ → 499x+ → 000x+$/,
    );
    expect(graph.cycleOf(at(ids, 0))?.cells).toHaveLength(500);
  });

  it('walks downstream and upstream, ignoring references to missing cells', () => {
    const graph = new NotebookGraph([cell('a'), cell('b', 'a', 'ghost'), cell('c', 'b'), cell('x')]);
    expect([...graph.downstreamOf(['a'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...graph.upstreamOf('c')].sort()).toEqual(['a', 'b']);
    expect(graph.order.indexOf('b')).toBeLessThan(graph.order.indexOf('c'));
  });

  it('shares order, dependents and cycles with a graph of the same wiring, with the new specs', () => {
    const before = new NotebookGraph([cell('a'), cell('c', 'b'), cell('b', 'a', 'c')]);
    const edited = { ...cell('a'), params: { size: 3 } };
    const after = new NotebookGraph([edited, cell('c', 'b'), cell('b', 'a', 'c')], before);
    expect(after.cells.get('a')).toBe(edited);
    expect(after.order).toBe(before.order);
    expect(after.dependentsOf('a')).toEqual(['b']);
    expect(after.cycleOf('c')?.message).toBe('cycle: c → b → c');
    expect(after.sharesWiringWith(before)).toBe(true);
    expect(new NotebookGraph([edited]).sharesWiringWith(before)).toBe(false);
  });
});
