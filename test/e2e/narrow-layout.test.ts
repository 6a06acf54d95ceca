import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, waitForIdle } from './browser';

// On a phone-width screen (420 px) every map stays inside its cell's card: the loss cell's gradient
// strip, 10 tiles wide in a row, used to run past the card's right edge.

describe('at 420 px wide', () => {
  const session = useAppSession({
    prepare: ({ page }) => page.setViewportSize({ width: 420, height: 900 }),
  });

  it('keeps every map of the lecture inside its card', async () => {
    const { page } = session;
    await waitForIdle(page);
    const overflowing = await page.evaluate(() => {
      const found: string[] = [];
      let checked = 0;
      const cards: Element[] = [];
      const pending: (Document | ShadowRoot)[] = [document];
      while (pending.length > 0) {
        const root = pending.pop() as Document | ShadowRoot;
        for (const element of root.querySelectorAll('*')) {
          if (element.localName === 'cb-cell') cards.push(element);
          else if (element.shadowRoot) pending.push(element.shadowRoot);
        }
      }
      for (const card of cards) {
        const box = card.getBoundingClientRect();
        const roots: (Element | ShadowRoot)[] = [card.shadowRoot ?? card];
        while (roots.length > 0) {
          const root = roots.pop() as Element | ShadowRoot;
          for (const element of root.querySelectorAll('*')) {
            if (element.shadowRoot) roots.push(element.shadowRoot);
            if (!(element instanceof HTMLCanvasElement)) continue;
            const canvas = element.getBoundingClientRect();
            if (canvas.width > 0) checked++;
            if (canvas.width > 0 && canvas.right > box.right + 0.5)
              found.push(
                `${card.getAttribute('data-cell-id')}: canvas ends at ${canvas.right}, card at ${box.right}`,
              );
          }
        }
      }
      return { found, checked };
    });
    expect(overflowing.found).toEqual([]);
    expect(overflowing.checked).toBeGreaterThan(50);
    expect(await cell(page, 'error').locator('canvas').count()).toBeGreaterThan(1);
  });
});
