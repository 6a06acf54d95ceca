// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CbShortcutsSheet } from './cb-shortcuts-sheet';
import './cb-shortcuts-sheet';
import { opensShortcutSheet, SHORTCUT_GROUPS } from './shortcuts';

async function mount(): Promise<{ sheet: CbShortcutsSheet; before: HTMLButtonElement }> {
  const before = document.createElement('button');
  before.textContent = 'Add cell';
  const sheet = document.createElement('cb-shortcuts-sheet');
  document.body.append(before, sheet);
  await sheet.updateComplete;
  before.focus();
  return { sheet, before };
}

const root = (sheet: CbShortcutsSheet) => sheet.shadowRoot as ShadowRoot;
const press = (target: EventTarget, key: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...init }));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => document.body.replaceChildren());

describe('cb-shortcuts-sheet', () => {
  it('opens on ? from the page, lists every group, and focuses its Close button', async () => {
    const { sheet, before } = await mount();
    press(before, '?');
    await settle();
    expect(sheet.open).toBe(true);
    expect([...root(sheet).querySelectorAll('h3')].map((h) => h.textContent)).toEqual(
      SHORTCUT_GROUPS.map((g) => g.title),
    );
    expect(root(sheet).activeElement?.className).toBe('close');
    expect(root(sheet).querySelector('dt')?.textContent?.replace(/\s+/g, '')).toBe('?');
  });

  it('does not open on ? typed into a text field', async () => {
    const { sheet } = await mount();
    const input = document.createElement('input');
    document.body.append(input);
    press(input, '?');
    await settle();
    expect(sheet.open).toBe(false);
  });

  it('traps Tab inside the sheet', async () => {
    const { sheet } = await mount();
    await sheet.show();
    const close = root(sheet).querySelector('button.close') as HTMLButtonElement;
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    close.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true); // the only focusable: Tab stays on it
    expect(root(sheet).activeElement).toBe(close);
  });

  it('closes on Escape and gives focus back', async () => {
    const { sheet, before } = await mount();
    await sheet.show();
    press(root(sheet).querySelector('button.close') as HTMLButtonElement, 'Escape');
    expect(sheet.open).toBe(false);
    expect(document.activeElement).toBe(before);
  });
});

describe('SHORTCUT_GROUPS', () => {
  it('gives every shortcut keys and words', () => {
    for (const group of SHORTCUT_GROUPS) {
      for (const shortcut of group.shortcuts) {
        expect(shortcut.action.length).toBeGreaterThan(3);
        expect(shortcut.keys.length).toBeGreaterThan(0);
        for (const combo of shortcut.keys) expect(combo.every((key) => key.length > 0)).toBe(true);
      }
    }
  });

  it('opens only for a bare ?', () => {
    const event = (key: string, extra: Partial<KeyboardEvent> = {}) => ({
      key,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      composedPath: () => [document.body],
      ...extra,
    });
    expect(opensShortcutSheet(event('?'))).toBe(true);
    expect(opensShortcutSheet(event('/'))).toBe(false);
    expect(opensShortcutSheet(event('?', { ctrlKey: true }))).toBe(false);
  });
});
