import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveDist } from './serve-dist';

// The harness's static server: the browser flows are only as honest as what it serves.

describe('the static server for the built app', () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'convbook-dist-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(join(root, 'assets', 'kernels.wasm'), new Uint8Array([0, 97, 115, 109]));
    await writeFile(join(root, 'assets', 'app.js'), 'export {};');
    server = await serveDist(root);
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves index.html for the folder and WebAssembly as application/wasm', async () => {
    expect(await get(`${server.url}`)).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get(`${server.url}assets/kernels.wasm`)).toMatchObject({
      status: 200,
      type: 'application/wasm',
    });
    expect(await get(`${server.url}assets/app.js`)).toMatchObject({ type: 'text/javascript; charset=utf-8' });
  });

  it('sends no Content-Security-Policy header, leaving the page meta tag in charge', async () => {
    expect((await get(`${server.url}`)).csp).toBeUndefined();
  });

  it('answers 404 for a missing file instead of falling back to index.html', async () => {
    expect((await get(`${server.url}assets/missing.js`)).status).toBe(404);
  });

  it('refuses paths that climb out of the served folder', async () => {
    expect((await get(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(403);
  });

  it('explains how to build when the app has not been built', async () => {
    await expect(serveDist(join(root, 'assets'))).rejects.toThrow(
      /The app is not built: .*index\.html is missing/,
    );
  });
});

function get(url: string): Promise<{ status: number; type: string | undefined; csp: string | undefined }> {
  return new Promise((done, fail) => {
    request(url, (response) => {
      response.resume();
      response.on('end', () =>
        done({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'],
          csp: response.headers['content-security-policy'] as string | undefined,
        }),
      );
    })
      .on('error', fail)
      .end();
  });
}
