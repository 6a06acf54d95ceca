import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { StatsValue } from '@convbook/cells';

/**
 * Runs an example through the real `convbook run --values` and reads back the JSON it wrote, so the claim
 * tests check what a user checking headless would see — not an in-memory shortcut.
 */
const bin = resolve(import.meta.dirname, '../../packages/cells/bin/convbook.mjs');
export const examplesDir = resolve(import.meta.dirname, '../../examples');

export interface TensorJson {
  readonly type: 'tensor';
  readonly shape: number[];
  readonly data: number[];
  readonly note?: string;
  readonly figures?: Record<string, number>;
}

export interface Plane {
  readonly height: number;
  readonly width: number;
  at(y: number, x: number): number;
}

export interface ExampleValues {
  json(id: string): Promise<Record<string, unknown>>;
  tensor(id: string): Promise<TensorJson>;
  plane(id: string): Promise<Plane>;
  stats(id: string): Promise<StatsValue>;
  figures(id: string): Promise<Record<string, number>>;
  /** The markdown of a note cell, as written in the notebook file. */
  note(id: string): Promise<string>;
}

/** Runs examples/`name`.json, or another notebook file (a variant of an example) when `file` is given. */
export async function runExample(
  name: string,
  file = join(examplesDir, `${name}.json`),
): Promise<ExampleValues> {
  const out = await mkdtemp(join(tmpdir(), `convbook-values-${name}-`));
  await promisify(execFile)(process.execPath, [bin, 'run', file, '--out', out, '--values'], {
    env: { ...process.env, INIT_CWD: '' },
  });
  const json = async (id: string) =>
    JSON.parse(await readFile(join(out, `${id}.json`), 'utf8')) as Record<string, unknown>;
  const tensor = async (id: string) => {
    const value = await json(id);
    if (value.type !== 'tensor') throw new Error(`${id} is a ${String(value.type)}, not a tensor`);
    return value as unknown as TensorJson;
  };
  return {
    json,
    tensor,
    plane: async (id) => planeOf(await tensor(id)),
    stats: async (id) => {
      const value = await json(id);
      if (value.type !== 'stats') throw new Error(`${id} is a ${String(value.type)}, not stats`);
      return value as unknown as StatsValue;
    },
    figures: async (id) => {
      const figures = (await tensor(id)).figures;
      if (figures === undefined) throw new Error(`${id} has no figures`);
      return figures;
    },
    note: async (id) => {
      const value = await json(id);
      if (value.type !== 'note' || typeof value.markdown !== 'string') throw new Error(`${id} is not a note`);
      return value.markdown;
    },
  };
}

/** The first channel of a [C, H, W] tensor as a function of (y, x); 0 outside, like zero padding. */
export function planeOf(t: { shape: readonly number[]; data: readonly number[] }): Plane {
  const height = t.shape.at(-2) ?? 1;
  const width = t.shape.at(-1) ?? 1;
  return {
    height,
    width,
    at: (y, x) => (y < 0 || y >= height || x < 0 || x >= width ? 0 : (t.data[y * width + x] ?? 0)),
  };
}

/** Brute force, written out again on purpose: slide a kh×kw kernel (flipped or not) over a zero-padded plane. */
export function slide(
  input: Plane,
  kernel: readonly (readonly number[])[],
  options: { flip: boolean; padTop: number; padLeft: number; height: number; width: number },
): number[][] {
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const out: number[][] = [];
  for (let y = 0; y < options.height; y++) {
    const row: number[] = [];
    for (let x = 0; x < options.width; x++) {
      let sum = 0;
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) {
          const weight = options.flip ? kernel[kh - 1 - i]?.[kw - 1 - j] : kernel[i]?.[j];
          sum += (weight ?? 0) * input.at(y - options.padTop + i, x - options.padLeft + j);
        }
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

/** The 2-D kernel [kh][kw] of a kernel cell's JSON (first kernel, first channel). */
export async function kernelOf(values: ExampleValues, id: string): Promise<number[][]> {
  const value = (await values.json(id)) as { weights?: { shape: number[]; data: number[] } };
  if (value.weights === undefined) throw new Error(`${id} is not a kernel`);
  const kh = value.weights.shape.at(-2) ?? 1;
  const kw = value.weights.shape.at(-1) ?? 1;
  return Array.from({ length: kh }, (_, i) => value.weights?.data.slice(i * kw, (i + 1) * kw) ?? []);
}

export function rows(plane: Plane): number[][] {
  return Array.from({ length: plane.height }, (_, y) =>
    Array.from({ length: plane.width }, (_, x) => plane.at(y, x)),
  );
}
