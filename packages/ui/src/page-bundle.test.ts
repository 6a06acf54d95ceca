import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The page owns the document and the worker computes (issue 9), so the page's own code must not carry the
 * compute: it validates documents with each kind's schema and never runs a kind. This builds the app in
 * memory, as `pnpm --filter @convbook/ui build` does, and reads which source modules ended up in the
 * page's chunks (the workers are separate assets, so they are not among them).
 */

const UI_ROOT = fileURLToPath(new URL('../', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Modules that do a kind's work: core's conv, pool and training math, and each kind's compute. */
const COMPUTE_MODULES = [
  /^packages\/core\/src\/conv2d\.ts$/,
  /^packages\/core\/src\/pool2d\.ts$/,
  /^packages\/core\/src\/train\//,
  /^packages\/core\/src\/backprop/,
  /^packages\/cells\/src\/kinds\/.*-cell\.ts$/,
  /^packages\/cells\/src\/kinds\/train\/train-(loop|network)\.ts$/,
  /^packages\/cells\/src\/runtime\/scheduler\.ts$/,
];

interface PageChunk {
  readonly fileName: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Source modules with code in the chunk, relative to the repository. */
  readonly modules: readonly string[];
}

async function buildPageChunks(): Promise<PageChunk[]> {
  // Vitest runs with NODE_ENV=test, which would pick Lit's development build: build as production does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = await build({
    root: UI_ROOT,
    mode: 'production',
    logLevel: 'silent',
    build: { write: false },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs
    .flatMap((output) => output.output)
    .filter((item): item is Rollup.OutputChunk => item.type === 'chunk')
    .map((chunk) => ({
      fileName: chunk.fileName,
      bytes: Buffer.byteLength(chunk.code),
      gzipBytes: gzipSync(chunk.code).length,
      modules: Object.entries(chunk.modules)
        .filter(([, module]) => module.renderedLength > 0)
        .map(([id]) => id.replace(REPO_ROOT, '').replace(/\?.*$/, '')),
    }));
}

describe("the page's bundle", () => {
  let chunks: PageChunk[] = [];
  beforeAll(async () => {
    chunks = await buildPageChunks();
  }, 120_000);

  it('is built from the app shell (the test reads the real page chunks)', () => {
    const modules = chunks.flatMap((chunk) => chunk.modules);
    expect(modules).toContain('packages/ui/src/components/cb-app/cb-app.ts');
    expect(modules).toContain('packages/cells/src/document/validate-notebook.ts');
  });

  it("carries no kind's compute and none of core's conv, pool or training math", () => {
    const compute = chunks.flatMap((chunk) =>
      chunk.modules.filter((id) => COMPUTE_MODULES.some((pattern) => pattern.test(id))),
    );
    expect(compute).toEqual([]);
  });

  it('reports its size', () => {
    for (const chunk of chunks) {
      const kB = (bytes: number) => (bytes / 1000).toFixed(2);
      console.info(`${chunk.fileName}: ${kB(chunk.bytes)} kB, gzip ${kB(chunk.gzipBytes)} kB`);
    }
    expect(chunks.length).toBeGreaterThan(0);
  });
});
