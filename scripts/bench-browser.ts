// Edit-to-paint latency in the built app: how long after a kernel weight is committed do all the feature
// maps downstream of it show the new result? Run by `pnpm bench:browser` (and `pnpm bench`, after the
// core bench); appends its own section to BENCHMARKS.md, replacing the previous one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ElementHandle, Page } from 'playwright-core';
import { cell, openApp, startSession, waitForIdle } from '../test/e2e/browser';
import { downstreamOf, readExample } from '../test/e2e/example-fixture';
import { weightInput } from '../test/e2e/ui-actions';

const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const WARMUP = 5;
const EDITED_KERNEL = 'sobelX';
const BENCHMARKS = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const SECTION_START = '<!-- bench-browser:start -->';
const SECTION_END = '<!-- bench-browser:end -->';

interface EditTiming {
  readonly ms: number;
  readonly missing: readonly number[];
}

/**
 * Commits one weight edit inside the page and waits, frame by frame, until every watched cell's canvases
 * differ from what they showed before the edit. Returns the time from the `change` event (the kernel
 * editor commits on change) to the frame where the last of them was seen changed. Runs entirely in the
 * page so the Node↔browser round trip is not counted. No named inner functions: tsx would wrap them in
 * a helper that does not exist in the page.
 */
async function timeOneEdit(
  page: Page,
  input: ElementHandle,
  hosts: ElementHandle<Element>[],
  value: number,
): Promise<EditTiming> {
  return page.evaluate(
    async ([field, watched, newValue]) => {
      const scratch = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      if (!scratch) throw new Error('no 2d context for reading pixels');
      let before: string[] | undefined;
      let start = 0;
      const seenChanged: number[] = watched.map(() => Number.NaN);
      for (;;) {
        const signatures: string[] = [];
        for (const host of watched) {
          let signature = '';
          const roots: (Element | ShadowRoot)[] = [host.shadowRoot ?? host];
          while (roots.length > 0) {
            const root = roots.pop() as Element | ShadowRoot;
            for (const element of root.querySelectorAll('*')) {
              if (element.shadowRoot) roots.push(element.shadowRoot);
              if (!(element instanceof HTMLCanvasElement) || element.width === 0) continue;
              scratch.canvas.width = element.width;
              scratch.canvas.height = element.height;
              scratch.drawImage(element, 0, 0);
              const data = scratch.getImageData(0, 0, element.width, element.height).data;
              let hash = 0x811c9dc5;
              for (let index = 0; index < data.length; index++)
                hash = Math.imul(hash ^ data[index], 0x01000193);
              signature += `${element.width}x${element.height}:${hash >>> 0};`;
            }
          }
          signatures.push(signature);
        }
        const now = performance.now();
        if (before === undefined) {
          before = signatures;
          const target = field as HTMLInputElement;
          target.value = String(newValue);
          target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          target.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
          start = performance.now();
        } else {
          signatures.forEach((signature, index) => {
            if (Number.isNaN(seenChanged[index]) && signature !== before?.[index]) seenChanged[index] = now;
          });
          const missing = seenChanged.flatMap((time, index) => (Number.isNaN(time) ? [index] : []));
          if (missing.length === 0) return { ms: Math.max(...seenChanged) - start, missing };
          if (now - start > 10_000) return { ms: Number.NaN, missing };
        }
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    },
    [input, hosts, value] as const,
  );
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function writeSection(markdown: string): void {
  const block = `${SECTION_START}\n${markdown}\n${SECTION_END}\n`;
  const existing = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const start = existing.indexOf(SECTION_START);
  const end = existing.indexOf(SECTION_END);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${block}${existing.slice(end + SECTION_END.length + 1)}`
      : `${existing.trimEnd()}\n\n${block}`;
  writeFileSync(BENCHMARKS, next);
}

async function main(): Promise<void> {
  const lecture = readExample('lecture');
  const downstream = downstreamOf(lecture, EDITED_KERNEL);
  const session = await startSession();
  try {
    const { page } = session;
    await openApp(page);
    const watchedIds: string[] = [];
    const hosts: ElementHandle<Element>[] = [];
    for (const candidate of lecture.cells) {
      // Feature maps only: a loss between two maps that both move can stay put.
      const isMap = candidate.kind === 'conv' || candidate.kind === 'pool';
      if (!isMap || !downstream.has(candidate.id)) continue;
      if ((await cell(page, candidate.id).locator('canvas').count()) === 0) continue;
      const handle = await cell(page, candidate.id).elementHandle();
      if (handle) {
        watchedIds.push(candidate.id);
        hosts.push(handle);
      }
    }
    const field = await weightInput(cell(page, EDITED_KERNEL), 1, 1).elementHandle();
    if (!field || hosts.length === 0)
      throw new Error('bench: the lecture notebook lacks the sobelX kernel or its maps');
    const original = Number(await field.inputValue());

    const times: number[] = [];
    for (let edit = 0; edit < WARMUP + EDITS; edit++) {
      const timing = await timeOneEdit(page, field, hosts, edit % 2 === 0 ? original + 1 : original);
      if (timing.missing.length > 0) {
        throw new Error(
          `bench: edit ${edit} never repainted ${timing.missing.map((i) => watchedIds[i]).join(', ')}`,
        );
      }
      if (edit >= WARMUP) times.push(timing.ms);
      await waitForIdle(page);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
    const cell1 = (n: number) => n.toFixed(1);
    console.log(`edit-to-paint over ${times.length} edits: p50 ${cell1(p50)} ms, p95 ${cell1(p95)} ms`);
    writeSection(
      [
        '## Browser: edit-to-paint latency (lecture notebook)',
        '',
        `Generated by \`pnpm bench:browser\` (scripts/bench-browser.ts): headless Chromium on ${cpus().length} ` +
          `× ${cpus()[0]?.model ?? 'unknown CPU'}. One weight of the \`${EDITED_KERNEL}\` kernel is changed ` +
          `${times.length} times (after ${WARMUP} warm-up edits); each time is measured in the page from the ` +
          `editor's \`change\` event to the animation frame in which all ${watchedIds.length} feature-map cells ` +
          `downstream of it (${watchedIds.join(', ')}) show new pixels. Changes are detected once per frame, so ` +
          'figures carry up to one frame (~16 ms) of detection delay.',
        '',
        '| edits | p50 (ms) | p95 (ms) | mean (ms) | min (ms) | max (ms) |',
        '| --: | --: | --: | --: | --: | --: |',
        `| ${times.length} | ${cell1(p50)} | ${cell1(p95)} | ${cell1(mean)} | ${cell1(times[0] ?? Number.NaN)} | ${cell1(times.at(-1) ?? Number.NaN)} |`,
      ].join('\n'),
    );
  } finally {
    await session.close();
  }
}

await main();
