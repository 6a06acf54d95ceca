import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, openApp, waitForIdle } from './browser';
import { shareFragment } from './hostile-content';
import { exportNotebook, importNotebookFile, loadUrl } from './notebook-actions';
import { alertTexts, typeValue, weightInput } from './ui-actions';

/**
 * Issue 13, items 6 and 10: what the app holds, its files load again (an unwired conv, a weight typed
 * as 1e39), and an upload's note never outlives the upload it described.
 */

const doc = (title: string, cells: unknown[]) => ({ format: 'convbook', version: 1, title, cells });

/** An 8-bit gray PNG of `width`×`height` whose header says `claimed` (default: the real size). */
function png(width: number, height: number, claimed = { width, height }): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(claimed.width, 0);
  ihdr.writeUInt32BE(claimed.height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (width + 1), 128);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe("the app's own output loads again", () => {
  const session = useAppSession({ open: false });

  it('exports an unwired conv and refuses a 1e39 weight in words; the file imports again', async () => {
    const { page } = session;
    const cells = [
      {
        id: 'k',
        kind: 'kernel',
        params: {
          values: [
            [1, 2],
            [3, 4],
          ],
        },
      },
      { id: 'c', kind: 'conv', inputs: { kernel: 'k' } },
    ];
    await openApp(page, shareFragment(doc('output', cells)));
    expect(await cell(page, 'c').getAttribute('data-status')).toBe('error');
    const weight = weightInput(cell(page, 'k'), 1, 1);
    await typeValue(page, weight, 1e39);
    await expect
      .poll(async () => (await alertTexts(page)).join('\n'))
      .toContain(
        'Weight row 1, column 1: “1e+39” is too large — numbers must stay within ±3.4 × 10³⁸; the old value, 1, is kept.',
      );
    expect(await weight.inputValue()).toBe('1e+39'); // the typed text stays where it was typed

    const exported = await exportNotebook(page);
    const saved = JSON.parse(exported.text);
    expect(saved.cells[0].params.values).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(saved.cells[1].inputs).toEqual({ kernel: 'k' });
    await importNotebookFile(page, exported.name, exported.text);
    await waitForIdle(page);
    expect(await page.locator('cb-import-report').count()).toBe(0);
    expect(await cell(page, 'c').getAttribute('data-status')).toBe('error');
    expect(await cell(page, 'c').evaluate((host) => host.shadowRoot?.textContent ?? '')).toMatch(
      /needs input/,
    );
  });

  it('clears a "Downscaled from" note when a later upload fails, and shows no engine text', async () => {
    const { page } = session;
    await loadUrl(
      page,
      `${session.server.url}${shareFragment(doc('upload', [{ id: 'img', kind: 'image', params: { sample: { name: 'checkerboard' } } }]))}`,
    );
    const editor = cell(page, 'img').locator('cb-image-editor');
    const picker = editor.locator('input[type=file]');
    await picker.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: png(800, 600) });
    await expect
      .poll(() => editor.locator('.note').textContent())
      .toMatch(/^Downscaled from 800×600 to 512×384/);
    // A 389 KB PNG that claims 20000×20000: refused from its header, before any decoding.
    await picker.setInputFiles({
      name: 'bomb.png',
      mimeType: 'image/png',
      buffer: png(4, 4, { width: 20000, height: 20000 }),
    });
    await expect
      .poll(() => editor.locator('.error').textContent())
      .toMatch(/^That picture is 20000×20000 \(400 million pixels\)/);
    expect(await editor.locator('.note').count()).toBe(0);
    // Bytes that claim to be a PNG but are not.
    await picker.setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture at all, honestly'),
    });
    await expect
      .poll(() => editor.locator('.error').textContent())
      .toBe('That file is not a picture this app can read. Choose a PNG, JPEG, GIF or WebP file.');
  });
});
