import { describe, expect, it } from 'vitest';
import { historyCommandFor } from './history-shortcut';

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
