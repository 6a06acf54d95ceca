/**
 * Every keyboard shortcut the app has, grouped by where it works — the one list the `?` sheet shows and
 * the README copies. When a component gains a key, add it here (the sheet's test checks the list is
 * well formed, not that it is complete: that is the author's job).
 */

export interface Shortcut {
  /** Keys pressed together, e.g. ['Ctrl', 'Shift', 'Z']; alternatives are separate entries. */
  readonly keys: readonly (readonly string[])[];
  readonly action: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: [['?']], action: 'Show this list of shortcuts' },
      {
        keys: [
          ['Ctrl', 'Z'],
          ['⌘', 'Z'],
        ],
        action: 'Undo the last edit (outside text fields)',
      },
      {
        keys: [
          ['Ctrl', 'Shift', 'Z'],
          ['Ctrl', 'Y'],
        ],
        action: 'Redo',
      },
      { keys: [['Tab'], ['Shift', 'Tab']], action: 'Move to the next or previous control' },
      {
        keys: [
          ['Alt', '↓'],
          ['Alt', '↑'],
        ],
        action: 'Go to the next or previous cell (its title)',
      },
      { keys: [['Esc']], action: 'Close a menu, a dialog or this sheet' },
    ],
  },
  {
    title: 'Menus (cell menu, add cell)',
    shortcuts: [
      { keys: [['↓'], ['↑']], action: 'Next or previous item' },
      { keys: [['Home'], ['End']], action: 'First or last item' },
      { keys: [['Enter'], ['Space']], action: 'Choose the item' },
    ],
  },
  {
    title: 'Kernel weights',
    shortcuts: [
      { keys: [['↑'], ['↓']], action: 'Raise or lower the weight by 0.1' },
      {
        keys: [
          ['Shift', '↑'],
          ['Shift', '↓'],
        ],
        action: 'Raise or lower the weight by 1',
      },
    ],
  },
  {
    title: 'Feature maps',
    shortcuts: [
      { keys: [['Arrow keys']], action: 'Move the probe and read the value under it' },
      { keys: [['Esc']], action: 'Hide the probe' },
    ],
  },
  {
    title: 'Step through a convolution',
    shortcuts: [
      { keys: [['←'], ['→'], ['↑'], ['↓']], action: 'Select the neighbouring output unit' },
      {
        keys: [
          ['Shift', '←'],
          ['Shift', '→'],
          ['Shift', '↑'],
          ['Shift', '↓'],
        ],
        action: 'Move five units',
      },
      { keys: [['Home'], ['End']], action: 'First or last unit of the row' },
      {
        keys: [
          ['Ctrl', 'Home'],
          ['Ctrl', 'End'],
        ],
        action: 'First or last unit of the map',
      },
      { keys: [['Page Up'], ['Page Down']], action: 'Previous or next map (kernel or channel)' },
      { keys: [['Esc']], action: 'Pause the playback' },
    ],
  },
  {
    title: 'Notes',
    shortcuts: [{ keys: [['Esc'], ['Ctrl', 'Enter']], action: 'Finish editing the note' }],
  },
];

/** True for a key press that should open the sheet: `?` typed outside any text field. */
export function opensShortcutSheet(event: {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  composedPath(): readonly EventTarget[];
}): boolean {
  if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return false;
  return !isEditable(event.composedPath()[0]);
}

function isEditable(target: EventTarget | undefined): boolean {
  if (typeof target !== 'object' || target === null || !('tagName' in target)) return false;
  const element = target as { tagName: unknown; type?: unknown; isContentEditable?: unknown };
  if (element.isContentEditable === true || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT')
    return true;
  // A number field takes no "?", but typing one there is a typo, not a request for help.
  return element.tagName === 'INPUT';
}
