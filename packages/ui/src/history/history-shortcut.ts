/** The subset of KeyboardEvent the shortcut needs (so it can be tested without a DOM). */
export interface ShortcutKey {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * Maps a key press to an undo/redo command: Ctrl+Z (⌘Z on a Mac) undoes, Ctrl+Shift+Z and Ctrl+Y redo.
 * Alt combinations are left alone (they type characters on some layouts).
 */
export function historyCommandFor(event: ShortcutKey): 'undo' | 'redo' | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
}
