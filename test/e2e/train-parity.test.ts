import { createRequire } from 'node:module';
import { at } from '@convbook/core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { trainBars } from './train-parity-entry';

// Issue 10: "Same notebook, same seed → same numbers in Node and in the browser." The train cell's own code
// (bundled by esbuild, the one tsx ships) trains a small network in Chromium and in Node; every learned
// weight and the test accuracy must be identical, bit for bit, and the loss curve equal to 1e-12.

async function bundle(): Promise<string> {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsx/package.json'))('esbuild') as {
    build(options: unknown): Promise<{ outputFiles: { text: string }[] }>;
  };
  const result = await esbuild.build({
    entryPoints: [new URL('./train-parity-entry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'trainParity',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('training in Node and in Chromium', () => {
  it('gives the same loss curve, weights and accuracy for the same seed', async () => {
    const node = await trainBars();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: await bundle() });
      const inBrowser = await page.evaluate(() =>
        (globalThis as unknown as { trainParity: { trainBars: typeof trainBars } }).trainParity.trainBars(),
      );
      expect(inBrowser.kernels).toBe(node.kernels);
      expect(inBrowser.weights).toEqual(node.weights);
      expect(inBrowser.testAccuracy).toBe(node.testAccuracy);
      // The reported losses are float64 sums of Math.log/Math.exp, which two V8 versions may round one ulp
      // apart; the float32 gradients (and so every weight above) are unaffected.
      expect(inBrowser.losses.length).toBe(node.losses.length);
      for (const [i, loss] of inBrowser.losses.entries()) {
        expect(Math.abs(loss - at(node.losses, i))).toBeLessThan(1e-12);
      }
      expect(node.losses.length).toBeGreaterThan(10);
    } finally {
      await browser.close();
    }
  });
});
