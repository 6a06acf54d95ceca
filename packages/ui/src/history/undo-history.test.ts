import { describe, expect, it } from 'vitest';
import { UndoHistory } from './undo-history';

describe('UndoHistory', () => {
  it('undoes and redoes steps in order', () => {
    const history = new UndoHistory('a');
    history.record('b', undefined, 0);
    history.record('c', undefined, 10);
    expect(history.undo()).toBe('b');
    expect(history.undo()).toBe('a');
    expect(history.undo()).toBeUndefined();
    expect(history.redo()).toBe('b');
    expect(history.redo()).toBe('c');
    expect(history.redo()).toBeUndefined();
  });

  it('coalesces a burst on the same field into one step, sliding the window', () => {
    const history = new UndoHistory(0);
    history.record(1, 'k.params.weights', 0);
    history.record(2, 'k.params.weights', 400);
    history.record(3, 'k.params.weights', 800); // 400 ms after the previous edit: still the same drag
    expect(history.present).toBe(3);
    expect(history.undo()).toBe(0);
    expect(history.canUndo).toBe(false);
  });

  it('starts a new step after a pause, or for a different field', () => {
    const history = new UndoHistory(0);
    history.record(1, 'k.params.bias', 0);
    history.record(2, 'k.params.bias', 501);
    history.record(3, 'k.params.stride', 600);
    expect(history.undo()).toBe(2);
    expect(history.undo()).toBe(1);
    expect(history.undo()).toBe(0);
  });

  it('ignores the echo of an applied undo and drops the redo branch on a new edit', () => {
    const history = new UndoHistory({ v: 1 });
    history.record({ v: 2 }, undefined, 0);
    const back = history.undo();
    expect(back).toEqual({ v: 1 });
    history.record({ v: 1 }, undefined, 10); // the runtime publishing what we replaced
    expect(history.canRedo).toBe(true);
    history.record({ v: 3 }, undefined, 20);
    expect(history.canRedo).toBe(false);
    expect(history.undo()).toEqual({ v: 1 });
  });

  it('does not merge an edit after undo into the step it moved to', () => {
    const history = new UndoHistory(0);
    history.record(1, 'w', 0);
    history.undo();
    history.record(5, 'w', 100);
    expect(history.undo()).toBe(0);
  });

  it('forgets the oldest steps beyond its limit', () => {
    const history = new UndoHistory(0, { limit: 2 });
    for (let i = 1; i <= 4; i++) history.record(i, undefined, i * 1000);
    expect(history.undo()).toBe(3);
    expect(history.undo()).toBe(2);
    expect(history.undo()).toBeUndefined();
  });

  it('starts over on reset', () => {
    const history = new UndoHistory('a');
    history.record('b');
    history.reset('x');
    expect([history.present, history.canUndo, history.canRedo]).toEqual(['x', false, false]);
  });
});
