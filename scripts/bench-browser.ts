// Edit-to-paint latency in the built app: how long after a kernel weight is committed do all the feature
// maps downstream of it show the new result? Two notebooks: the lecture example, and issue 14's network
// (512×512 RGB → conv 3×3×16 → relu → pool → conv 3×3×32 → pool, scripts/bench-network.ts). Run by
// `pnpm bench:browser` (and `pnpm bench`, after the core bench); appends its own section to
// BENCHMARKS.md, replacing the previous one. BENCH_EDITS sets the edits per notebook; BENCH_WRITE=0
// prints without writing (a smoke run on a busy machine).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ElementHandle, Page } from 'playwright-core';
import { cell, openApp, startSession, waitForIdle } from '../test/e2e/browser';
import { downstreamOf, type ExampleNotebook, readExample } from '../test/e2e/example-fixture';
import { importNotebookFile } from '../test/e2e/notebook-actions';
import { NETWORK_EDITED_KERNEL, networkNotebook } from './bench-network';
import { cpuPerEdit, rendererThreadCpu, type ThreadCpu } from './thread-cpu';

const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const WARMUP = 5;
const WRITE = process.env.BENCH_WRITE !== '0';
const BENCHMARKS = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const SECTION_START = '<!-- bench-browser:start -->';
const SECTION_END = '<!-- bench-browser:end -->';

interface EditTiming {
  /** To the `cb-painted` event of the last watched cell: its new pixels are written. */
  readonly paintedMs: number;
  /** To the animation frame in which the last watched cell was seen with new pixels. */
  readonly shownMs: number;
  /** Indices of watched cells that never announced a paint / never changed pixels within 10 s. */
  readonly unannounced: readonly number[];
  readonly unchanged: readonly number[];
}

/**
 * Commits one weight edit inside the page and times it two ways: to the UI's `cb-painted` event (see
 * packages/ui/src/components/cb-feature-map/announce-paint.ts) for every watched cell, and, frame by frame,
 * to the frame where every watched cell's canvases differ from before the edit (an independent check
 * that needs no help from the app). Both start at the `change` event, where the kernel editor commits.
 * Runs entirely in the page so the Node↔browser round trip is not counted. No named inner functions:
 * tsx would wrap them in a helper that does not exist in the page.
 */
async function timeOneEdit(
  page: Page,
  input: ElementHandle,
  hosts: ElementHandle<Element>[],
  ids: readonly string[],
  value: number,
): Promise<EditTiming> {
  return page.evaluate(
    async ([field, watched, watchedIds, newValue]) => {
      const scratch = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      if (!scratch) throw new Error('no 2d context for reading pixels');
      const listening = new AbortController();
      const painted: number[] = watched.map(() => Number.NaN);
      const seenChanged: number[] = watched.map(() => Number.NaN);
      let before: string[] | undefined;
      let start = 0;
      // The start of the frame being checked: taken before the read-back, so its cost is not counted.
      let frame = performance.now();
      // Each watched cell's first feature-map canvas, found once (walking every shadow root of a big
      // notebook each frame cost milliseconds of main-thread time, counted against the app), and found again
      // only if a re-render replaced it. (Inside an array literal the arrow function gets no name, so tsx
      // adds no naming helper; see above.)
      const [firstCanvas] = [
        (host: Element): HTMLCanvasElement | undefined => {
          const roots: (Element | ShadowRoot)[] = [host.shadowRoot ?? host];
          while (roots.length > 0) {
            const root = roots.shift() as Element | ShadowRoot;
            for (const element of root.querySelectorAll('*')) {
              if (element.shadowRoot) roots.push(element.shadowRoot);
              if (
                element instanceof HTMLCanvasElement &&
                element.width > 0 &&
                (element.dataset.channel === '0' || element.dataset.channel === '-1')
              )
                return element;
            }
          }
          return undefined;
        },
      ];
      const canvases = watched.map((host) => firstCanvas(host));
      for (;;) {
        // Each canvas sampled on a 32×32 grid (nearest pixel): reading back all of a 16-channel 512² map
        // every frame would itself keep the main thread busy and delay the paint it waits for. An edit of
        // a kernel's first channel changes channel 1 of every map downstream.
        const signatures: string[] = [];
        watched.forEach((host, index) => {
          // After the edit only a cell that announced its paint, and is not yet seen changed, is read back:
          // the others cannot count as shown yet, and reading them would spend the app's main thread.
          const waiting = Number.isNaN(seenChanged[index]) && (painted[index] ?? Number.NaN) <= frame;
          if (before !== undefined && !waiting) {
            signatures.push(before[index] ?? '');
            return;
          }
          let first = canvases[index];
          if (first === undefined || !first.isConnected) {
            first = firstCanvas(host);
            canvases[index] = first;
          }
          let signature = '';
          if (first !== undefined) {
            scratch.canvas.width = 32;
            scratch.canvas.height = 32;
            scratch.imageSmoothingEnabled = false;
            scratch.drawImage(first, 0, 0, 32, 32);
            const data = scratch.getImageData(0, 0, 32, 32).data;
            let hash = 0x811c9dc5;
            for (let index = 0; index < data.length; index++)
              hash = Math.imul(hash ^ (data[index] ?? 0), 0x01000193);
            signature = `${first.width}x${first.height}:${hash >>> 0}`;
          }
          signatures.push(signature);
        });
        const now = frame;
        if (before === undefined) {
          before = signatures;
          window.addEventListener(
            'cb-painted',
            (event) => {
              const detail: unknown = event instanceof CustomEvent ? event.detail : undefined;
              const cellId = (detail as { cellId?: unknown } | undefined)?.cellId;
              const index = typeof cellId === 'string' ? watchedIds.indexOf(cellId) : -1;
              if (index >= 0 && Number.isNaN(painted[index])) painted[index] = performance.now();
            },
            { signal: listening.signal },
          );
          const target = field as HTMLInputElement;
          target.value = String(newValue);
          target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          // A mark for a trace of the run (the edit's window: from here to 'bench:edit-end').
          performance.mark('bench:edit-start');
          target.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
          start = performance.now();
        } else {
          // Shown: in a frame that began after the cell announced its paint, with its pixels changed.
          signatures.forEach((signature, index) => {
            const announced = (painted[index] ?? Number.NaN) <= now;
            if (Number.isNaN(seenChanged[index]) && announced && signature !== before?.[index])
              seenChanged[index] = now;
          });
          const unchanged = seenChanged.flatMap((time, index) => (Number.isNaN(time) ? [index] : []));
          const unannounced = painted.flatMap((time, index) => (Number.isNaN(time) ? [index] : []));
          if ((unchanged.length === 0 && unannounced.length === 0) || now - start > 10_000) {
            listening.abort();
            performance.mark('bench:edit-end');
            return {
              paintedMs: Math.max(...painted) - start,
              shownMs: Math.max(...seenChanged) - start,
              unannounced,
              unchanged,
            };
          }
        }
        frame = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      }
    },
    [input, hosts, ids, value] as const,
  );
}

/** One table row: label, count, p50, p95, mean, min, max (NaN, from a missing event, sorts last). */
function summarize(label: string, times: readonly number[]): string[] {
  const sorted = [...times].sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
  const finite = sorted.filter(Number.isFinite);
  const mean = finite.reduce((sum, t) => sum + t, 0) / finite.length;
  const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(1) : 'n/a');
  return [
    label,
    String(times.length),
    ms(percentile(sorted, 0.5)),
    ms(percentile(sorted, 0.95)),
    ms(mean),
    ms(sorted[0]),
    ms(sorted.at(-1)),
  ];
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

export interface Scenario {
  readonly notebook: ExampleNotebook;
  readonly editedKernel: string;
  /** The accessible name of the edited weight's field (banks name the kernel and channel too). */
  readonly weight: string;
  /** Loads the notebook into the open app (the lecture is the app's first notebook already). */
  load(page: Page): Promise<void>;
}

export interface ScenarioResult {
  readonly watchedIds: readonly string[];
  readonly rows: readonly string[][];
}

/**
 * Times EDITS edits of one weight of `editedKernel` (after WARMUP) until every downstream map repaints.
 * `beforeEdits` runs once the notebook has loaded and settled, just before the first edit.
 */
export async function runScenario(
  page: Page,
  scenario: Scenario,
  beforeEdits?: () => void,
): Promise<ScenarioResult> {
  await scenario.load(page);
  await waitForIdle(page, 120_000);
  const downstream = downstreamOf(scenario.notebook, scenario.editedKernel);
  const watchedIds: string[] = [];
  const hosts: ElementHandle<Element>[] = [];
  for (const candidate of scenario.notebook.cells) {
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
  const field = await cell(page, scenario.editedKernel)
    .getByLabel(scenario.weight, { exact: true })
    .elementHandle();
  if (!field || hosts.length === 0)
    throw new Error(`bench: the notebook lacks the ${scenario.editedKernel} kernel or its maps`);
  const original = Number(await field.inputValue());
  beforeEdits?.();
  const painted: number[] = [];
  const shown: number[] = [];
  for (let edit = 0; edit < WARMUP + EDITS; edit++) {
    const value = edit % 2 === 0 ? original + 1 : original;
    const timing = await timeOneEdit(page, field, hosts, watchedIds, value);
    const names = (indices: readonly number[]) => indices.map((i) => watchedIds[i]).join(', ');
    if (timing.unchanged.length > 0)
      throw new Error(`bench: edit ${edit} never repainted ${names(timing.unchanged)}`);
    if (timing.unannounced.length > 0) {
      console.warn(`bench: edit ${edit}: no cb-painted event from ${names(timing.unannounced)}`);
    }
    if (edit >= WARMUP) {
      painted.push(timing.paintedMs);
      shown.push(timing.shownMs);
    }
    await waitForIdle(page);
  }
  const rows = [
    summarize('to `cb-painted` (pixels written)', painted),
    summarize('to the frame showing them', shown),
  ];
  for (const row of rows) console.log(`edit-to-paint ${scenario.editedKernel} ${row.join(' | ')}`);
  return { watchedIds, rows };
}

const TABLE_HEAD = [
  '| measured | edits | p50 (ms) | p95 (ms) | mean (ms) | min (ms) | max (ms) |',
  '| :-- | --: | --: | --: | --: | --: | --: |',
];

/** The lecture notebook (the app's first) and issue 14's network, in that order. */
export function benchScenarios(): Scenario[] {
  const network = networkNotebook();
  return [
    {
      notebook: readExample('lecture'),
      editedKernel: 'sobelX',
      weight: 'weight row 1, column 1',
      load: (page) => openApp(page),
    },
    {
      notebook: network,
      editedKernel: NETWORK_EDITED_KERNEL,
      weight: 'kernel 1, channel 1, weight row 1, column 1',
      load: (page) => importNotebookFile(page, 'edit-to-paint-bench.json', JSON.stringify(network)),
    },
  ];
}

async function main(): Promise<void> {
  const scenarios = benchScenarios();
  // As `pnpm start` and `vite preview` serve the app: cross-origin isolated (COOP/COEP), so the worker can
  // share memory; then as a plain static host without those headers serves it.
  const runs: { label: string; lecture: ScenarioResult; net: ScenarioResult }[] = [];
  let cpu: [string, number][] | undefined;
  for (const isolated of [true, false]) {
    const session = await startSession({ isolated });
    try {
      const lecture = await runScenario(session.page, scenarios[0] as Scenario);
      // CPU per thread in the app as `pnpm start` serves it (isolated) only.
      let before: ThreadCpu | undefined;
      const net = await runScenario(session.page, scenarios[1] as Scenario, () => {
        if (isolated) before = rendererThreadCpu();
      });
      const after = before === undefined ? undefined : rendererThreadCpu();
      if (before !== undefined && after !== undefined) {
        cpu = cpuPerEdit(before, after, WARMUP + EDITS);
        console.log(cpu.map(([name, ms]) => `cpu per edit: ${name} ${ms.toFixed(1)} ms`).join('\n'));
      }
      runs.push({
        label: isolated
          ? 'served with COOP/COEP (as `pnpm start` and `vite preview` serve it)'
          : 'served without COOP/COEP (a plain static host)',
        lecture,
        net,
      });
    } finally {
      await session.close();
    }
  }
  if (!WRITE) return;
  writeSection(
    [
      '## Browser: edit-to-paint latency',
      '',
      `Generated by \`pnpm bench:browser\` (scripts/bench-browser.ts): headless Chromium on ${cpus().length} ` +
        `× ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0]?.toFixed(1)} at the start. One ` +
        `weight of a kernel is changed ${EDITS} times (after ${WARMUP} warm-up edits, ` +
        "waiting for the notebook to settle between edits). Each edit is timed in the page from the editor's " +
        "`change` event until every feature-map cell downstream of it has repainted: first to the UI's " +
        '`cb-painted` event of the last of them (its last canvas written), then to the start of the first ' +
        'animation frame that began after every one of them announced its paint and in which a pixel read-back ' +
        "(each cell's first map, sampled on a 32×32 grid) sees every one changed: the frame that shows them. " +
        'Issue 14 asks p95 ≤ 33 ms (two frames) for the network, in the app as `pnpm start` serves it (the ' +
        'first table of each pair).',
      ...runs.flatMap(({ label, lecture }) => [
        '',
        `### Lecture notebook, ${label}: \`sobelX\` edited, ${lecture.watchedIds.length} maps (${lecture.watchedIds.join(', ')})`,
        '',
        ...TABLE_HEAD,
        ...lecture.rows.map((row) => `| ${row.join(' | ')} |`),
      ]),
      ...runs.flatMap(({ label, net }) => [
        '',
        `### Network, ${label}: 512×512 RGB → conv 3×3×16 + relu → pool → conv 3×3×32 + relu → pool, first kernel bank edited`,
        '',
        ...TABLE_HEAD,
        ...net.rows.map((row) => `| ${row.join(' | ')} |`),
      ]),
      ...(cpu === undefined ? [] : cpuTable(cpu)),
    ].join('\n'),
  );
}

/** The network's CPU time per edit, thread by thread, and in all. */
function cpuTable(cpu: readonly [string, number][]): string[] {
  const total = cpu.reduce((sum, [, ms]) => sum + ms, 0);
  const cores = cpus().length;
  return [
    '',
    '### Network, served with COOP/COEP: CPU time per edit, by thread',
    '',
    `What each thread of the page's renderer process used, from /proc, over the ${EDITS + WARMUP} edits above ` +
      'divided by their number. Each is an edit cycle: the edit, its paint and the settling after it, so the ' +
      "notebook worker's figure includes its idle work (readying fresh memory for the next edit's maps) and " +
      "the page's includes this bench's own frame-by-frame pixel read-back. " +
      `Together ${total.toFixed(1)} ms of CPU per edit on ${cores} cores.`,
    '',
    '| thread | CPU ms per edit |',
    '| :-- | --: |',
    ...cpu.map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} |`),
    `| all | ${total.toFixed(1)} |`,
  ];
}

// Run as a script (not when scripts/ tools import the scenarios).
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
