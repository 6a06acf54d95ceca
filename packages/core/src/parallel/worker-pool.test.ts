import { describe, expect, it } from 'vitest';
import { createWorkerPool, serveJobs, type WorkerPort } from './worker-pool';

/**
 * An in-process "worker": messages cross through microtasks, and the worker side is served by serveJobs,
 * exactly as in a real worker. `log` records which worker ran which job.
 */
function fakeSpawner(handle: (job: unknown, worker: number) => Promise<unknown>, log: string[] = []) {
  let spawned = 0;
  const spawn = (): WorkerPort => {
    const worker = spawned++;
    const toWorker: ((message: unknown) => void)[] = [];
    const toPool: ((message: unknown) => void)[] = [];
    const deliver = (listeners: ((message: unknown) => void)[], message: unknown) =>
      queueMicrotask(() => {
        for (const listener of listeners) listener(message);
      });
    const errors: ((error: Error) => void)[] = [];
    serveJobs(
      {
        postMessage: (message) => deliver(toPool, message),
        onMessage: (listener) => toWorker.push(listener),
      },
      async (job) => {
        log.push(`worker ${worker} starts ${JSON.stringify(job)}`);
        return { result: await handle(job, worker), transfer: [] };
      },
    );
    return {
      postMessage: (message) => deliver(toWorker, message),
      onMessage: (listener) => toPool.push(listener),
      onError: (listener) => errors.push(listener),
      terminate: () => errors.length,
    };
  };
  return spawn;
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createWorkerPool', () => {
  it('runs more jobs than workers, one at a time per worker, and returns each its own result', async () => {
    const log: string[] = [];
    const pool = createWorkerPool(
      fakeSpawner(async (job) => {
        await later(5);
        return (job as number) * 10;
      }, log),
      2,
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(log.slice(0, 2)).toEqual(['worker 0 starts 1', 'worker 1 starts 2']);
    expect(log).toHaveLength(5);
    await pool.close();
  });

  it('rejects a job whose handler threw, with its message, and keeps serving', async () => {
    const pool = createWorkerPool(
      fakeSpawner(async (job) => {
        if (job === 'bad') throw new Error('conv2d: something was 3×3 but should be 4×4');
        return 'fine';
      }),
      1,
    );
    await expect(pool.run('bad')).rejects.toThrow('conv2d: something was 3×3 but should be 4×4');
    await expect(pool.run('good')).resolves.toBe('fine');
    await pool.close();
  });

  it('rejects queued and running jobs on close, and new ones after', async () => {
    const pool = createWorkerPool(
      fakeSpawner(() => later(50)),
      1,
    );
    const running = pool.run('slow');
    const queued = pool.run('waiting');
    await pool.close();
    await expect(running).rejects.toThrow('worker pool: closed before the job finished');
    await expect(queued).rejects.toThrow('worker pool: closed before the job finished');
    await expect(pool.run('late')).rejects.toThrow('worker pool: already closed');
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() =>
      createWorkerPool(
        fakeSpawner(async () => 0),
        0,
      ),
    ).toThrow('worker pool: size must be an integer >= 1, got 0');
  });
});
