import { describe, expect, it } from 'vitest';
import { historyCommandFor, historyCommandForEvent } from './history-shortcut';

const press = (
  key: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('historyCommandFor', () => {
  it('maps the usual shortcuts', () => {
    expect(historyCommandFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(historyCommandFor(press('z', { metaKey: true }))).toBe('undo');
    expect(historyCommandFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyCommandFor(press('y', { ctrlKey: true }))).toBe('redo');
  });

  it('leaves other keys alone', () => {
    expect(historyCommandFor(press('z'))).toBeUndefined();
    expect(historyCommandFor(press('z', { ctrlKey: true, altKey: true }))).toBeUndefined();
    expect(historyCommandFor(press('c', { ctrlKey: true }))).toBeUndefined();
  });
});

describe('historyCommandForEvent', () => {
  const from = (target: object) => ({
    ...press('z', { ctrlKey: true }),
    composedPath: () => [target as EventTarget],
  });

  it('leaves text areas and text fields their own undo, but not number inputs', () => {
    expect(historyCommandForEvent(from({ tagName: 'TEXTAREA' }))).toBeUndefined();
    expect(historyCommandForEvent(from({ tagName: 'INPUT', type: 'text' }))).toBeUndefined();
    expect(historyCommandForEvent(from({ tagName: 'INPUT', type: 'number' }))).toBe('undo');
    expect(historyCommandForEvent(from({ tagName: 'BODY' }))).toBe('undo');
  });
});
