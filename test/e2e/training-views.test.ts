import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The issue-10 components in real Chromium, before the lead wires them into the kind views: the draw pad
// with a real mouse and the keyboard, the train view's buttons and pictures, the digits grid's credit.

interface Entry {
  sampleTrainValue(): unknown;
  sampleDataset(): unknown;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsx/package.json'))('esbuild') as {
    build(options: unknown): Promise<{ outputFiles: { text: string }[] }>;
  };
  const bundle = await esbuild.build({
    entryPoints: [new URL('./training-views-entry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'views',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  page = await browser.newPage();
  await page.setContent('<!doctype html><body></body>');
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
  await page.evaluate(() => {
    const events: unknown[] = [];
    (globalThis as unknown as { events: unknown[] }).events = events;
    for (const name of ['digit-draw', 'train-command', 'train-apply']) {
      document.addEventListener(name, (event) => {
        const e = event as Event & Record<string, unknown>;
        const image = e.image as Float32Array | undefined;
        events.push({
          type: name,
          command: e.command,
          patches: (e.patches as unknown[] | undefined)?.length,
          ink: image === undefined ? undefined : image.reduce((a, b) => a + b, 0),
          pixels: typeof e.pixels === 'string' ? atob(e.pixels).length : undefined,
        });
      });
    }
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const events = () =>
  page.evaluate(() => (globalThis as unknown as { events: Record<string, unknown>[] }).events.splice(0));

describe('draw a digit', () => {
  it('draws with the mouse, emits the 28×28 picture, and Clear empties it', async () => {
    await page.evaluate(() => document.body.append(document.createElement('cb-digit-canvas')));
    const pad = page.locator('cb-digit-canvas canvas.pad');
    const box = await pad.boundingBox();
    if (box === null) throw new Error('no pad');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 12 });
    await page.mouse.up();
    const [drawn] = await events();
    expect(drawn).toMatchObject({ type: 'digit-draw', pixels: 784 });
    expect(drawn?.ink as number).toBeGreaterThan(10);
    await page.locator('cb-digit-canvas button', { hasText: 'Clear' }).click();
    expect(await events()).toMatchObject([{ type: 'digit-draw', ink: 0 }]);
  });

  it('draws with the keyboard: Enter puts the pen down, arrows move it', async () => {
    const pad = page.locator('cb-digit-canvas canvas.pad');
    await pad.focus();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const drawn = (await events()).at(-1);
    expect(drawn?.ink as number).toBeGreaterThan(5);
  });
});

describe('train view', () => {
  it('shows figures, curves, the confusion matrix and wrong digits, and emits its commands', async () => {
    await page.evaluate(() => {
      const view = document.createElement('cb-train-view') as unknown as HTMLElement &
        Record<string, unknown>;
      view.value = (globalThis as unknown as { views: Entry }).views.sampleTrainValue();
      view.cellId = 'train';
      view.stale = true;
      document.body.append(view);
    });
    const view = page.locator('cb-train-view');
    await expect.poll(() => view.locator('.figure').count()).toBe(6);
    expect(await view.locator('.figure .number').first().textContent()).toBe('75.00%');
    expect(await view.locator('.stale').textContent()).toMatch(/Out of date/);
    expect(await view.locator('.confusion td').count()).toBe(9);
    expect(await view.locator('canvas[data-wrong]').count()).toBe(2);
    expect(await view.locator('polyline.loss-line').getAttribute('points')).toMatch(/^\d/);
    // The learning rate rides along the loss on its own scale: a quarter, half, three quarters of its peak
    // (120 px high, so y = 90, 60, 30), then flat at the top; x is examples out of 800 across 300 px.
    expect(await view.locator('polyline.rate-line').getAttribute('points')).toMatch(
      /^15,90 30,60 45,30 60,0 75,0 /,
    );
    expect(await view.getByText('learning rate (0 to 0.003)').count()).toBe(1);
    expect(await view.locator('.threads').textContent()).toBe('2 threads, shared memory');
    expect(await view.locator('button', { hasText: 'Stop' }).isDisabled()).toBe(true);
    await view.locator('button', { hasText: 'Train' }).click();
    await view.locator('button', { hasText: 'Resume' }).click();
    await view.locator('button', { hasText: 'Apply weights' }).click();
    expect(await events()).toEqual([
      expect.objectContaining({ type: 'train-command', command: 'train' }),
      expect.objectContaining({ type: 'train-command', command: 'resume' }),
      expect.objectContaining({ type: 'train-apply', patches: 1 }),
    ]);
    // Apply made the run out of date (its weights cells changed): that is said as the applying it was, even
    // when the run comes back as a new object, and a different run is out of date again.
    await expect.poll(() => view.locator('.applied').textContent()).toMatch(/^Applied: the weights cells/);
    expect(await view.locator('.stale').count()).toBe(0);
    await page.evaluate(() => {
      const element = document.querySelector('cb-train-view') as unknown as Record<string, unknown>;
      const run = element.value as Record<string, unknown>;
      element.value = { ...run };
    });
    await expect.poll(() => view.locator('.applied').count()).toBe(1);
    await page.evaluate(() => {
      const element = document.querySelector('cb-train-view') as unknown as Record<string, unknown>;
      const run = element.value as Record<string, number>;
      element.value = { ...run, steps: (run.steps ?? 0) + 1 };
    });
    await expect.poll(() => view.locator('.stale').count()).toBe(1);
  });

  it('while running: only Stop is enabled, with a progress bar', async () => {
    await page.evaluate(() => {
      const view = document.querySelector('cb-train-view') as unknown as HTMLElement &
        Record<string, unknown>;
      view.running = true;
      view.progress = { done: 10, total: 40 };
    });
    const view = page.locator('cb-train-view');
    await expect.poll(() => view.locator('progress').count()).toBe(1);
    expect(await view.locator('button', { hasText: 'Train' }).isDisabled()).toBe(true);
    await view.locator('button', { hasText: 'Stop' }).click();
    expect(await events()).toEqual([expect.objectContaining({ type: 'train-command', command: 'stop' })]);
  });
});

describe('digits grid', () => {
  it('shows the samples with labels and credits MNIST', async () => {
    await page.evaluate(() => {
      const grid = document.createElement('cb-digits-grid') as unknown as HTMLElement &
        Record<string, unknown>;
      grid.value = (globalThis as unknown as { views: Entry }).views.sampleDataset();
      document.body.append(grid);
    });
    const grid = page.locator('cb-digits-grid');
    await expect.poll(() => grid.locator('canvas').count()).toBe(3);
    expect(await grid.locator('.credit').textContent()).toMatch(
      /LeCun, Corinna Cortes and Christopher J. C. Burges/,
    );
  });
});
