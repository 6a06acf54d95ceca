import { describe, expect, it } from 'vitest';
import { ShownPrefix } from './shown-prefix';

const ids = (count: number, prefix = 'c') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('ShownPrefix', () => {
  it('shows a small notebook whole at once', () => {
    const prefix = new ShownPrefix(40);
    prefix.update(ids(40));
    expect(prefix.growing).toBe(false);
    expect(prefix.shown(ids(40))).toHaveLength(40);
  });

  it('opens a long notebook a chunk at a time until every cell is shown', () => {
    const prefix = new ShownPrefix(40);
    const cells = ids(100);
    prefix.update(cells);
    expect(prefix.shown(cells)).toHaveLength(40);
    expect(prefix.grow(cells.length)).toBe(true);
    expect(prefix.shown(cells)).toHaveLength(80);
    expect(prefix.grow(cells.length)).toBe(false);
    expect(prefix.shown(cells)).toHaveLength(100);
    expect(prefix.grow(cells.length)).toBe(false);
  });

  it('adds a few cells at once, but restarts the growth where many new ones begin', () => {
    const prefix = new ShownPrefix(10);
    const first = ids(5);
    prefix.update(first);
    const few = [...first, 'x', 'y'];
    prefix.update(few);
    expect(prefix.shown(few)).toHaveLength(7);
    const many = [...few, ...ids(30, 'p')];
    prefix.update(many);
    // The seven known cells stay, and the first ten pasted ones join them.
    expect(prefix.shown(many)).toHaveLength(17);
  });

  it('restarts from the top when another long notebook opens', () => {
    const prefix = new ShownPrefix(10);
    prefix.update(ids(50, 'a'));
    while (prefix.grow(50));
    prefix.update(ids(50, 'b'));
    expect(prefix.shown(ids(50, 'b'))).toHaveLength(10);
  });
});
