import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type StaticServer, serveDist } from './serve-dist';

/**
 * Launches real Chromium against the built app. Every session gets a fresh profile directory and a
 * persistent context on it, so IndexedDB survives `page.reload()` exactly as it does for a user, and no
 * state leaks from one session to the next.
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const VIEWPORT = { width: 1280, height: 900 } as const;

const SCREENSHOT_DIR = resolve(fileURLToPath(new URL('../../docs/screenshots', import.meta.url)));

export interface AppSession {
  readonly server: StaticServer;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Messages the page logged as errors and uncaught exceptions, for failure diagnostics. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts the static server (sending the cross-origin isolation headers when `isolated`) and a Chromium
 * with a fresh profile; the page is blank until `openApp`.
 */
export async function startSession({ isolated = false } = {}): Promise<AppSession> {
  const server = await serveDist(undefined, { isolated });
  const profile = await mkdtemp(join(tmpdir(), 'convbook-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
    baseURL: server.url,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    acceptDownloads: true,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
  });
  return {
    server,
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the app (optionally at a `#share=…` fragment) and waits until every cell has settled. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`./${hash}`);
  await waitForIdle(page);
}

/**
 * Waits until the first notebook has rendered (body[data-ready=true]) and no cell is pending or waiting to
 * render, twice in a row a frame apart — one clear check can fall between an edit and the worker's first reply.
 */
export async function waitForIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout });
  // A cell whose render waits for a later slice (render-slices.ts) does not show its latest state yet.
  const pending = page.locator('[data-status="pending"], [data-render-queued]');
  const deadline = Date.now() + timeout;
  let clearChecks = 0;
  while (clearChecks < 2) {
    if (Date.now() > deadline) {
      const ids = await pending.evaluateAll((cells) =>
        cells.map((cell) => cell.getAttribute('data-cell-id')),
      );
      throw new Error(`waitForIdle: cells still pending after ${timeout} ms: ${ids.join(', ')}`);
    }
    clearChecks = (await pending.count()) === 0 ? clearChecks + 1 : 0;
    await page.waitForTimeout(clearChecks === 0 ? 50 : 30);
  }
}

/** The host element of one cell (Playwright's CSS engine pierces the open shadow roots). */
export function cell(page: Page, id: string): Locator {
  return page.locator(`cb-cell[data-cell-id="${id}"]`);
}

/** Every cell of a kind, in document order. */
function cellsOfKind(page: Page, kind: string): Locator {
  return page.locator(`cb-cell[data-cell-kind="${kind}"]`);
}

/** Ids of the cells of a kind, in document order. */
export async function cellIds(page: Page, kind?: string): Promise<string[]> {
  const cells = kind ? cellsOfKind(page, kind) : page.locator('cb-cell');
  return cells.evaluateAll((hosts) => hosts.map((host) => host.getAttribute('data-cell-id') ?? ''));
}

/** A region of the viewport, in CSS pixels. */
export interface ViewportRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Writes a PNG of the viewport, one element, or a region of the viewport to docs/screenshots/<name>.png. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  region?: ViewportRegion,
): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  if (region && 'goto' in target) {
    await target.screenshot({ path, animations: 'disabled', clip: region });
  } else {
    await target.screenshot({ path, animations: 'disabled' });
  }
  return path;
}
