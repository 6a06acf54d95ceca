import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeBoard } from './notice-board';

describe('NoticeBoard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('publishes every change of the list, newest last', () => {
    const board = new NoticeBoard();
    const seen: string[][] = [];
    board.notices$.subscribe((notices) => seen.push(notices.map((n) => n.text)));
    board.show({ severity: 'info', text: 'one' });
    const two = board.show({ severity: 'error', text: 'two' });
    board.dismiss(two);
    expect(seen).toEqual([[], ['one'], ['one', 'two'], ['one']]);
  });

  it('gives each notice without an id its own, and is dismissible unless told otherwise', () => {
    const board = new NoticeBoard();
    const a = board.show({ severity: 'info', text: 'a' });
    const b = board.show({ severity: 'info', text: 'b' });
    board.show({ id: 'storage', severity: 'error', text: 'full', dismissible: false });
    expect(a).not.toBe(b);
    expect(board.notices.map((n) => [n.id === a || n.id === b, n.dismissible])).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
  });

  it('replaces a notice with the same id instead of stacking it', () => {
    const board = new NoticeBoard();
    board.show({ id: 'storage', severity: 'error', text: 'first' });
    board.show({ severity: 'info', text: 'other' });
    board.show({ id: 'storage', severity: 'error', text: 'second' });
    expect(board.notices.map((n) => n.text)).toEqual(['other', 'second']);
  });

  it('closes a timed notice after its time, and a replacement restarts the clock', () => {
    const board = new NoticeBoard();
    board.show({ id: 'deleted', severity: 'info', text: 'Deleted.' }, { timeoutMs: 8000 });
    vi.advanceTimersByTime(5000);
    board.show({ id: 'deleted', severity: 'info', text: 'Deleted again.' }, { timeoutMs: 8000 });
    vi.advanceTimersByTime(5000);
    expect(board.notices.map((n) => n.text)).toEqual(['Deleted again.']);
    vi.advanceTimersByTime(3001);
    expect(board.notices).toEqual([]);
  });

  it('keeps a replacement shown without a timeout on screen', () => {
    const board = new NoticeBoard();
    board.show({ id: 'x', severity: 'info', text: 'news' }, { timeoutMs: 100 });
    board.show({ id: 'x', severity: 'error', text: 'now an error' });
    vi.advanceTimersByTime(1000);
    expect(board.notices.map((n) => n.text)).toEqual(['now an error']);
  });

  it('makes room by dropping the oldest dismissible notices, never one only its cause can clear', () => {
    const board = new NoticeBoard();
    board.show({ id: 'storage', severity: 'error', text: 'storage', dismissible: false });
    for (let i = 1; i <= 7; i++) board.show({ severity: 'info', text: `n${i}` });
    expect(board.notices.map((n) => n.text)).toEqual(['storage', 'n4', 'n5', 'n6', 'n7']);
  });
});
