import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A tiny static server for the built app (packages/ui/dist), so the browser tests exercise exactly what a
 * user would deploy. It sends no Content-Security-Policy header on purpose: the app declares its policy in
 * a <meta> tag, and a header here would hide a mistake in that tag.
 */

export const DIST_DIR = resolve(fileURLToPath(new URL('../../packages/ui/dist', import.meta.url)));

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** Origin plus trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The two headers that make a page cross-origin isolated (SharedArrayBuffer, so training meets its helper
 * thread over shared memory); the same as vite.config.ts sends from `vite preview`.
 */
export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
} as const;

/**
 * Serves `root` on 127.0.0.1 at a free port. Unknown paths get 404, never index.html, so broken asset URLs
 * show. Like most static hosts it sends no isolation headers unless `isolated` asks for them.
 */
export async function serveDist(root: string = DIST_DIR, { isolated = false } = {}): Promise<StaticServer> {
  await assertBuilt(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end('outside the served folder');
      return;
    }
    readFile(file).then(
      (body) => {
        const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        const isolation = isolated ? ISOLATION_HEADERS : {};
        response
          .writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...isolation })
          .end(body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`),
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

async function assertBuilt(root: string): Promise<void> {
  const index = await stat(join(root, 'index.html')).catch(() => undefined);
  if (!index?.isFile()) {
    throw new Error(
      `The app is not built: ${join(root, 'index.html')} is missing. Run \`pnpm --filter @convbook/ui build\` ` +
        '(`pnpm test:e2e` does this for you).',
    );
  }
}
