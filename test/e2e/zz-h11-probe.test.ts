import { it } from 'vitest';
import { cell, openApp, startSession } from './browser';
import { alertTexts, typeValue, weightInput } from './ui-actions';
it('probe', async () => {
  const s = await startSession();
  const { page } = s;
  await openApp(page);
  page.on('worker', (w) => console.log('new worker', w.url().slice(-20)));
  const w = page.workers()[0];
  const t0 = Date.now();
  void w?.evaluate(() => { for (;;) {} }).catch((e) => console.log('evaluate rejected', Date.now() - t0, String(e).slice(0, 80)));
  await page.waitForTimeout(200);
  const input = weightInput(cell(page, 'sobelX'), 1, 1);
  await typeValue(page, input, Number(await input.inputValue()) + 1);
  for (let i = 0; i < 50; i++) {
    const errs = await page.locator('cb-cell[data-status="error"]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-cell-id')));
    console.log(Date.now() - t0, page.workers().length, errs.length, (await alertTexts(page)).join('|').slice(0, 250));
    await page.waitForTimeout(500);
  }
  await s.close();
});
