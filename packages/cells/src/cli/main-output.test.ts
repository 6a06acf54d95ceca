import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getKernels } from '@convbook/core';
import { afterAll, describe, expect, it } from 'vitest';
import { main, parseArgs, parseSize } from './main';

/** The runner's output side: where it cannot write, names that would collide, and how it starts. */

const workDir = mkdtempSync(join(tmpdir(), 'convbook-cli-out-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const examples = resolve(import.meta.dirname, '../../../../examples');

const tiny = JSON.stringify({
  format: 'convbook',
  version: 1,
  title: 'tiny',
  cells: [
    {
      id: 'm',
      kind: 'image',
      params: {
        values: [
          [1, 2],
          [3, 4],
        ],
      },
    },
  ],
});

async function run(
  args: readonly string[],
  notebook = tiny,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const file = join(workDir, 'notebook.json');
  writeFileSync(file, notebook);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['run', file, ...args], {
    cwd: workDir,
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
  });
  return { code, out, err };
}

// First in the file: every later run has loaded them already.
describe('the runner starts', () => {
  it('loads the WASM kernels before it runs', async () => {
    expect(getKernels().name).toBe('reference');
    expect((await run(['--out', join(workDir, 'wasm')])).code).toBe(0);
    expect(getKernels().name).toBe('wasm-simd');
  });
});

describe('the runner when it cannot write', () => {
  it('refuses --out "" as a command-line error', async () => {
    const { code, err } = await run(['--out', '']);
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^convbook: --out needs a directory/);
  });

  const cases: Array<[string, () => string, RegExp]> = [
    [
      'an existing file',
      () => {
        const file = join(workDir, 'a-file');
        writeFileSync(file, 'x');
        return file;
      },
      /^convbook: cannot write to .*a-file: .*a-file \(or a folder above it\) is a file, not a directory$/,
    ],
    [
      '/dev/full',
      () => '/dev/full',
      /^convbook: cannot write to \/dev\/full: .* is a file, not a directory$/,
    ],
    [
      'a directory nobody may write in',
      () => '/sys/convbook-out',
      /^convbook: cannot write to \/sys\/convbook-out: permission denied$/,
    ],
    [
      'a full disk',
      () => {
        const dir = mkdtempSync(join(workDir, 'full-'));
        symlinkSync('/dev/full', join(dir, 'm.png')); // every write there fails with ENOSPC
        return dir;
      },
      /^convbook: cannot write .*m\.png: the disk is full$/,
    ],
  ];
  for (const [name, target, message] of cases) {
    it(`exits 3 with one plain line at ${name}`, async () => {
      const { code, err, out } = await run(['--out', target()]);
      expect(code).toBe(3);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      expect(err[0]).not.toMatch(/\bat \w|Error:|ENOSPC|EEXIST|EPERM|node:/);
      expect(out).toEqual([]);
    });
  }
});

describe('the runner reads and names files as the app does', () => {
  it('accepts a UTF-8 file that starts with a byte-order mark', async () => {
    const { code, err } = await run(['--out', join(workDir, 'bom')], `\uFEFF${tiny}`);
    expect(err).toEqual([]);
    expect(code).toBe(0);
  });

  it('gives no two files one name: a cell "summary", a cell "learn-learned" beside grad cell "learn"', async () => {
    const notebook = JSON.parse(readFileSync(join(examples, 'learn-a-kernel.json'), 'utf8'));
    notebook.cells.push(
      { id: 'summary', kind: 'image', params: { values: [[0.5]] } },
      { id: 'learn-learned', kind: 'image', params: { values: [[0.25, 0.75]] } },
      { id: 'M', kind: 'image', params: { values: [[1]] } },
      { id: 'm', kind: 'image', params: { values: [[0]] } },
    );
    const dir = join(workDir, 'names');
    const { code, out } = await run(['--out', dir, '--values'], JSON.stringify(notebook));
    expect(code).toBe(0);
    const files = readdirSync(dir);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.title).toBe(notebook.title);
    expect(JSON.parse(readFileSync(join(dir, 'summary~2.json'), 'utf8'))).toEqual({
      type: 'tensor',
      shape: [1, 1, 1],
      data: [0.5],
    });
    // The cell keeps its own name; grad cell learn's learned kernel moves aside.
    expect(JSON.parse(readFileSync(join(dir, 'learn-learned.json'), 'utf8')).shape).toEqual([1, 1, 2]);
    expect(files).toContain('learn-learned.png');
    expect(files).toContain('learn-learned~2.png');
    // Names that differ only in case would be one file on macOS and Windows.
    expect(files).toContain('M.png');
    expect(files).toContain('m~2.png');
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
    expect(out).toContain("summary~2.json: written there because summary.json is another file's name");
    expect(out).toContain(
      "learn-learned~2.png: written there because learn-learned.png is another file's name",
    );
  });
});

describe('the runner on huge tensors', () => {
  it('writes a bounded picture of the 2^20-weight bank, with a note', async () => {
    const bomb = JSON.stringify({
      format: 'convbook',
      version: 1,
      title: 'bank bomb',
      cells: [{ id: 'k', kind: 'kernel', params: { random: { shape: [256, 64, 8, 8], seed: 1 } } }],
    });
    const dir = join(workDir, 'bomb');
    const { code, out } = await run(['--out', dir], bomb);
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /^k\.png: drawn at one pixel per value: the usual drawing would be 8444×33809 pixels/,
    );
    // The usual drawing was a 62 MB file; one pixel per value is about 2.4 million pixels of noise.
    expect(statSync(join(dir, 'k.png')).size).toBeLessThan(12 * 2 ** 20);
  });
});

describe('the runner memory budget', () => {
  it('reads --memory-budget sizes', () => {
    expect(['512M', '4G', '1.5g', '300', '64KB'].map(parseSize)).toEqual([
      512 * 2 ** 20,
      4 * 2 ** 30,
      1.5 * 2 ** 30,
      300 * 2 ** 20,
      64 * 2 ** 10,
    ]);
    for (const bad of ['', '0', '-1G', 'lots', '1e9', '4 GiB']) expect(parseSize(bad)).toBeUndefined();
    expect(parseArgs(['run', 'a.json', '--memory-budget', 'big'])).toEqual({
      command: 'invalid',
      message: '--memory-budget needs a size such as 512M or 4G',
    });
  });

  it('fails only the cells that would pass it, and says so', async () => {
    const notebook = JSON.stringify({
      format: 'convbook',
      version: 1,
      title: 'budget',
      cells: [
        { id: 'img', kind: 'image', params: { sample: { name: 'noise', size: 512, seed: 1 } } },
        { id: 'bank', kind: 'kernel', params: { values: [[[[1]]], [[[2]]], [[[3]]]] } },
        { id: 'c0', kind: 'conv', inputs: { input: 'img', kernel: 'bank' } },
        { id: 'c1', kind: 'conv', inputs: { input: 'img', kernel: 'bank' } },
      ],
    });
    const dir = join(workDir, 'budget');
    const { code, err } = await run(['--out', dir, '--memory-budget', '5M'], notebook);
    expect(code).toBe(1);
    expect(err).toEqual([
      "Convolution c1: not enough memory: this cell needs 3 MB, but the other cells already hold 4 MB of the notebook's 5 MB memory budget; remove or shrink some cells, or raise the budget  [cells[3]]",
    ]);
    expect((await run(['--out', dir, '--memory-budget', '8M'], notebook)).code).toBe(0);
  });
});
