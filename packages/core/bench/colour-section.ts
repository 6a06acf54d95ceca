import { divergingWords, grayWords, type PixelSampling } from '../src/map-pixels';
import { createRandom } from '../src/random';
import { type Contender, measureInterleaved } from './measure';
import type { BenchSection } from './report';
import { ratio } from './report';

/** What the page paints after one edit of the edit-to-paint network: its conv1 and conv2 maps. */
const CASES = [
  { label: '16 planes 512×512 shown at 288×288 (conv1)', planes: 16, size: 512, shown: 288 },
  { label: '32 planes 256×256 at native size (conv2)', planes: 32, size: 256, shown: 256 },
] as const;

const RED = [255, 0, 0] as const;
const DIVERGING = {
  zero: [247, 247, 247],
  negative: [33, 102, 172],
  positive: [178, 24, 43],
  nan: [255, 0, 255],
} as const;

/** For each painted row (or column), the map row (column) under its centre, as the page samples. */
function sampleIndices(native: number, painted: number): Int32Array {
  return Int32Array.from({ length: painted }, (_, i) =>
    Math.min(native - 1, Math.floor(((i + 0.5) * native) / painted)),
  );
}

/** The gray formula as a plain JS loop: the anchor (the page's own JS fallback is faster than this). */
function grayInJs(
  data: Float32Array,
  offset: number,
  width: number,
  sampling: PixelSampling,
  min: number,
  max: number,
  out: Uint32Array,
): void {
  const span = max - min;
  let at = 0;
  for (const row of sampling.rows) {
    for (const column of sampling.columns) {
      const value = data[offset + row * width + column] as number;
      const level = Math.round(255 * Math.min(Math.max((value - min) / span, 0), 1));
      out[at++] = Number.isNaN(value) ? 0xffff00ff : (0xff000000 | (level * 0x010101)) >>> 0;
    }
  }
}

/** The diverging formula as a plain JS loop. */
function divergingInJs(
  data: Float32Array,
  offset: number,
  width: number,
  sampling: PixelSampling,
  maxAbs: number,
  out: Uint32Array,
): void {
  const { zero, negative, positive } = DIVERGING;
  let at = 0;
  for (const row of sampling.rows) {
    for (const column of sampling.columns) {
      const value = data[offset + row * width + column] as number;
      const t = Math.min(Math.max(value / maxAbs, -1), 1);
      const end = t < 0 ? negative : positive;
      const amount = Math.abs(t);
      let word = 0xff000000;
      for (let channel = 0; channel < 3; channel++) {
        const from = zero[channel] as number;
        word |= Math.round(from + ((end[channel] as number) - from) * amount) << (8 * channel);
      }
      out[at++] = Number.isNaN(value) ? 0xffff00ff : word >>> 0;
    }
  }
}

/** Values → RGBA words for whole maps, the page's paint loop, in WASM against the formula in plain JS. */
export async function colourSection(): Promise<BenchSection> {
  const rows: string[][] = [];
  for (const { label, planes, size, shown } of CASES) {
    const random = createRandom(5);
    // In shared memory, as maps reach a cross-origin-isolated page.
    const data = new Float32Array(new SharedArrayBuffer(planes * size * size * 4));
    for (let k = 0; k < data.length; k++) data[k] = 3 * random() - 1;
    const sampling = { rows: sampleIndices(size, shown), columns: sampleIndices(size, shown) };
    const out = new Uint32Array(shown * shown);
    const pixels = planes * shown * shown;
    const everyPlane = (paint: (offset: number) => void) => () => {
      for (let p = 0; p < planes; p++) paint(p * size * size);
    };
    const contenders: Contender[] = [
      {
        name: 'gray wasm',
        prepare: () => everyPlane((o) => grayWords(data, o, size, sampling, 0, 2, RED, out)),
      },
      { name: 'gray js', prepare: () => everyPlane((o) => grayInJs(data, o, size, sampling, 0, 2, out)) },
      {
        name: 'diverging wasm',
        prepare: () => everyPlane((o) => divergingWords(data, o, size, sampling, 2, DIVERGING, out)),
      },
      {
        name: 'diverging js',
        prepare: () => everyPlane((o) => divergingInJs(data, o, size, sampling, 2, out)),
      },
    ];
    const [gray, grayJs, diverging, divergingJs] = (
      await measureInterleaved(contenders, { minRounds: 15 })
    ).map((t) => t.medianMs) as [number, number, number, number];
    const perPixel = (milliseconds: number) => ((milliseconds * 1e6) / pixels).toFixed(2);
    rows.push([
      label,
      perPixel(gray),
      perPixel(grayJs),
      ratio(grayJs / gray),
      perPixel(diverging),
      perPixel(divergingJs),
      ratio(divergingJs / diverging),
    ]);
  }
  return {
    title: 'Feature maps to pixels',
    note: 'What the page does to every map it repaints: values → RGBA words, gray (a relu map, range [0, 2]) and diverging (|values| ≤ 2), one plane at a time from maps in shared memory, as the edit-to-paint network\'s conv1 and conv2 maps are painted. "wasm" is core\'s grayWords / divergingWords, the page\'s path: the plane (or its sampled rows) copied into WASM memory, estimated four values at a time in single precision in branch-free blocks, the groups within reach of a half level redone in double precision (same words as the formula), the words copied out. "js" is the formula as a plain loop. ns per painted pixel, medians of interleaved rounds in Node; × is js ÷ wasm. Chromium\'s newer V8 compiles the same WASM differently: measured there on one 65,536-value plane, gray went from 0.95 to 0.85 ns per pixel and diverging from 8.3 to 2.5 when these loops became branch-free blocks (Node: 2.0 to 0.65 and 4.8 to 2.8).',
    headers: [
      'maps',
      'gray wasm ns/px',
      'gray js ns/px',
      '×',
      'diverging wasm ns/px',
      'diverging js ns/px',
      '×',
    ],
    rows,
  };
}
