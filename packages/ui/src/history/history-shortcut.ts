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

/**
 * The command for a key press aimed at the notebook, or undefined. In a text area or a one-line text
 * field Ctrl+Z belongs to the field (it undoes typing), so those are left alone; number inputs (kernel
 * weights) are not text fields here, so Ctrl+Z after editing a weight undoes the edit.
 */
export function historyCommandForEvent(
  event: ShortcutKey & { composedPath(): readonly EventTarget[] },
): 'undo' | 'redo' | undefined {
  const command = historyCommandFor(event);
  return command && !isTextField(event.composedPath()[0]) ? command : undefined;
}

function isTextField(target: EventTarget | undefined): boolean {
  if (typeof target !== 'object' || target === null || !('tagName' in target)) return false;
  const { tagName } = target as { tagName: unknown };
  if (tagName === 'TEXTAREA') return true;
  return tagName === 'INPUT' && (target as { type?: unknown }).type === 'text';
}
