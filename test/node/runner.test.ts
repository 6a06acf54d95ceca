import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Spawns the real bin (tsx registration included), as `pnpm convbook run` does. */
const bin = resolve(import.meta.dirname, '../../packages/cells/bin/convbook.mjs');
const examplesDir = resolve(import.meta.dirname, '../../examples');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function convbook(args: readonly string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, INIT_CWD: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'convbook-runner-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const examples = [
  'sobel-edges',
  'signal-peaks',
  'padding-stride-dilation',
  'rgb-3d-kernels',
  'pooling-invariance',
  'learn-a-kernel',
  'lecture',
];

describe('convbook run on the examples', () => {
  it.each(examples)('computes every cell of %s and exits 0', async (name) => {
    const dir = join(out, name);
    const run = await convbook(['run', join(examplesDir, `${name}.json`), '--out', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as {
      failed: number;
      cells: Array<{ id: string; status: string; shape?: number[] }>;
    };
    expect(summary.failed).toBe(0);
    const pngs = (await readdir(dir)).filter(
      (f) => f.endsWith('.png') && !/-(learned|per-position)\.png$/.test(f),
    );
    const pictured = summary.cells.filter((c) => c.shape !== undefined).map((c) => `${c.id}.png`);
    expect(pngs.sort()).toEqual(pictured.sort());
  });

  it('writes a grad cell’s learned kernel and per-position contributions beside its gradient', async () => {
    const files = await readdir(join(out, 'learn-a-kernel'));
    expect(files).toContain('learn.png');
    expect(files).toContain('learn-learned.png');
    expect(files).toContain('gradient-per-position.png');
  });

  it('shows the lecture facts in the written outputs', async () => {
    const summary = JSON.parse(await readFile(join(out, 'lecture', 'summary.json'), 'utf8')) as {
      cells: Array<{ id: string; shape?: number[]; loss?: number }>;
    };
    const shapeOf = (id: string): number[] | undefined => summary.cells.find((c) => c.id === id)?.shape;
    expect(shapeOf('valid')).toEqual([1, 2, 3]);
    expect(shapeOf('same')).toEqual([1, 3, 4]);
    expect(shapeOf('depthMap')).toEqual([1, 32, 32]);
    // The equivariance shift grows the canvas instead of cropping the letters.
    expect(shapeOf('moved')).toEqual([1, 24, 26]);
    expect(shapeOf('equivariance')).toEqual([1, 24, 26]);
  });

  it('--values writes every kind of value: a stats table, a readout, a comparison, a training run', async () => {
    const dir = join(out, 'lecture-values');
    const run = await convbook(['run', join(examplesDir, 'lecture.json'), '--out', dir, '--values']);
    expect(run.code).toBe(0);
    const read = async (id: string) => JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8'));
    expect(await read('deepStats')).toMatchObject({
      type: 'stats',
      totals: { forward: { multiplyAdds: 6480 } },
    });
    expect(await read('smoothPeaks')).toMatchObject({
      type: 'note',
      markdown: expect.stringContaining('3 peaks'),
    });
    expect(await read('equivariance')).toMatchObject({ type: 'tensor', figures: { changed: 0 } });
    expect(await read('error')).toMatchObject({ type: 'loss', loss: expect.any(Number) });
    const learn = await read('learn');
    expect(learn.training.lossCurve).toHaveLength(151);
    expect(learn.training.learnedWeights.shape).toEqual([1, 1, 3, 3]);
    expect(await read('welcome')).toMatchObject({ type: 'note' });
  });
});

describe('convbook run exit codes and outputs', () => {
  it('writes <cellId>.json values and PNGs that decode', async () => {
    const dir = join(out, 'values');
    const run = await convbook([
      'run',
      join(examplesDir, 'padding-stride-dilation.json'),
      '--out',
      dir,
      '--values',
    ]);
    expect(run.code).toBe(0);
    const values = JSON.parse(await readFile(join(dir, 'stride2.json'), 'utf8')) as {
      shape: number[];
      data: number[];
    };
    expect(values.shape).toEqual([1, 8, 8]);
    expect(values.data).toHaveLength(64);
    const png = await readFile(join(dir, 'stride2.png'));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(8 * 16); // IHDR width: each of 8 columns ≥ 16 px
    expect(png[25]).toBe(6); // colour type 6: RGBA
  });

  it('exits 1 when a cell fails, naming it on stderr, and still writes the healthy cells', async () => {
    const notebook = join(out, 'broken.json');
    await writeFile(
      notebook,
      JSON.stringify({
        format: 'convbook',
        version: 1,
        title: 'broken',
        cells: [
          {
            id: 'img',
            kind: 'image',
            params: {
              values: [
                [1, 2],
                [3, 4],
              ],
            },
          },
          {
            id: 'k',
            kind: 'kernel',
            params: {
              values: [
                [1, 0, 0],
                [0, 1, 0],
                [0, 0, 1],
              ],
            },
          },
          { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'k' } },
          { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { size: 2 } },
        ],
      }),
    );
    const dir = join(out, 'broken');
    const run = await convbook(['run', notebook, '--out', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^Convolution c: the kernel \(3×3\) is taller and wider than the input \(2×2, no padding\), .*\[cells\[2\]\]$/m,
    );
    expect(run.stderr).toMatch(/^Pool p: not computed — c above it failed {2}\[cells\[3\]\]$/m);
    expect((await readdir(dir)).sort()).toEqual(['img.png', 'k.png', 'summary.json']);
  });

  it('exits 2 with every validation problem when the document is invalid', async () => {
    const notebook = join(out, 'invalid.json');
    await writeFile(
      notebook,
      JSON.stringify({
        format: 'convbook',
        version: 1,
        title: 'invalid',
        cells: [
          { id: 'img', kind: 'image', params: { sample: { name: 'noise' } } },
          { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'nowhere' }, params: { stride: 0 } },
        ],
      }),
    );
    const run = await convbook(['run', notebook, '--out', join(out, 'invalid')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'Convolution c: stride must be a whole number ≥ 1 — got 0  [cells[1].params.stride]',
    );
  });

  it('runs a notebook with a conv left unwired, as the app exports it, and fails that cell only', async () => {
    const notebook = join(out, 'unwired.json');
    await writeFile(
      notebook,
      JSON.stringify({
        format: 'convbook',
        version: 1,
        title: 'unwired',
        cells: [
          { id: 'img', kind: 'image', params: { sample: { name: 'noise' } } },
          { id: 'c', kind: 'conv', inputs: { input: 'img', kernel: 'nowhere' } },
          { id: 'd', kind: 'conv' },
        ],
      }),
    );
    const run = await convbook(['run', notebook, '--out', join(out, 'unwired')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Convolution c: .*"nowhere".*\[cells\[1\]/m);
    expect(run.stderr).toMatch(/^Convolution d: .*not connected.*\[cells\[2\]/m);
  });

  it('prints usage for --help', async () => {
    const run = await convbook(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: convbook run <notebook.json> [--out DIR] [--values]');
  });
});
