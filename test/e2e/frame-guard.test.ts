import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { DIST_DIR } from './serve-dist';

/**
 * Frame protection on a static host that sends no headers: another site frames the app. The app must not
 * start inside the frame (no shell, no notebook, no storage), and must say why with a way out.
 */
describe('the app inside another site’s frame', () => {
  const session = useAppSession({ open: false });

  it('does not start, and offers to open in its own tab', async () => {
    const { page, server } = session;
    // A page holding the app in an iframe. It is served from the app's own origin (a file that is not the
    // app), which Chromium lets frame a local server; the guard does not depend on the framer's origin.
    await page.goto(`${server.url}no-such-page`); // the server's 404: an origin without the app
    await page.setContent(`<iframe src="${server.url}" width="800" height="600"></iframe>`);
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (!frame) throw new Error('the app frame did not load');
    await frame.waitForSelector('main[role=alert]');
    expect(await frame.locator('main[role=alert] p').textContent()).toMatch(
      /does not run inside another site’s page/,
    );
    const link = frame.locator('main[role=alert] a');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toBe(server.url);
    await frame.waitForTimeout(500);
    expect(await frame.evaluate(() => customElements.get('cb-app') === undefined)).toBe(true);
    expect(await frame.evaluate(() => document.querySelector('cb-app'))).toBeNull();
    expect(await frame.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
  });

  it('starts as usual in its own tab', async () => {
    const { page, server } = session;
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    expect(await page.locator('main[role=alert]').count()).toBe(0);
  });

  it('ships the headers file for hosts that honour it', async () => {
    const headers = await readFile(join(DIST_DIR, '_headers'), 'utf8');
    expect(headers).toContain("Content-Security-Policy: frame-ancestors 'none'");
    expect(headers).toContain('X-Frame-Options: DENY');
  });
});
