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

  it('replaces a worker that fails outside a job, so later jobs still finish', async () => {
    const errorOf: ((error: Error) => void)[] = [];
    let spawned = 0;
    const spawn = (): WorkerPort => {
      const index = spawned++;
      let reply: (message: unknown) => void = () => {};
      return {
        // The first worker never answers (it is about to die); the ones after answer each job.
        postMessage: (message) => {
          const { id, job } = message as { id: number; job: unknown };
          if (index > 0)
            queueMicrotask(() => reply({ id, status: 'ok', result: `${job} by worker ${index}` }));
        },
        onMessage: (listener) => {
          reply = listener;
        },
        onError: (listener) => {
          errorOf[index] = listener;
        },
        terminate: () => undefined,
      };
    };
    const pool = createWorkerPool(spawn, 1);
    const first = pool.run('a');
    const second = pool.run('b');
    errorOf[0]?.(new Error('worker script crashed'));
    await expect(first).rejects.toThrow('worker script crashed');
    await expect(second).resolves.toBe('b by worker 1');
    await expect(pool.run('c')).resolves.toBe('c by worker 1');
    expect(spawned).toBe(2);
    await pool.close();
  });

  it('rejects waiting jobs instead of respawning forever when every worker keeps failing', async () => {
    const errorOf: ((error: Error) => void)[] = [];
    let spawned = 0;
    const spawn = (): WorkerPort => {
      const index = spawned++;
      queueMicrotask(() => errorOf[index]?.(new Error('cannot load the worker script')));
      return {
        postMessage: () => {},
        onMessage: () => {},
        onError: (listener) => {
          errorOf[index] = listener;
        },
        terminate: () => undefined,
      };
    };
    const pool = createWorkerPool(spawn, 2);
    await expect(pool.run('a')).rejects.toThrow();
    await later(5);
    await expect(pool.run('b')).rejects.toThrow('worker pool: its workers keep failing');
    expect(spawned).toBe(7); // the first two, then replacements until six failures in a row
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

  describe('with an abort signal', () => {
    /** Workers that answer only when told to, and record what they were sent and whether they were stopped. */
    function heldSpawner() {
      const workers: { index: number; sent: unknown[]; terminated: boolean; answer: () => void }[] = [];
      const spawn = (): WorkerPort => {
        let reply: (message: unknown) => void = () => {};
        let current: { id: number; job: unknown } | undefined;
        const worker = {
          index: workers.length,
          sent: [] as unknown[],
          terminated: false,
          answer: () => {
            if (current && !worker.terminated)
              reply({ id: current.id, status: 'ok', result: `${current.job} by worker ${worker.index}` });
            current = undefined;
          },
        };
        workers.push(worker);
        return {
          postMessage: (message) => {
            current = message as { id: number; job: unknown };
            worker.sent.push(current.job);
          },
          onMessage: (listener) => {
            reply = listener;
          },
          onError: () => {},
          terminate: () => {
            worker.terminated = true;
          },
        };
      };
      return { spawn, workers };
    }

    it('never sends a job whose signal has already aborted', async () => {
      const { spawn, workers } = heldSpawner();
      const pool = createWorkerPool(spawn, 2);
      const stale = new AbortController();
      stale.abort();
      await expect(pool.run('late', [], stale.signal)).rejects.toMatchObject({ name: 'AbortError' });
      expect(workers.flatMap((w) => w.sent)).toEqual([]);
      await pool.close();
    });

    it('drops a queued job unsent, and stops and replaces the worker of a running one', async () => {
      const { spawn, workers } = heldSpawner();
      const pool = createWorkerPool(spawn, 1);
      const edit = new AbortController();
      const running = pool.run('band 1', [], edit.signal);
      const queued = pool.run('band 2', [], edit.signal);
      expect(workers[0]?.sent).toEqual(['band 1']);
      edit.abort();
      await expect(running).rejects.toMatchObject({ name: 'AbortError' });
      await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
      expect(workers[0]?.terminated).toBe(true);
      expect(workers).toHaveLength(2);
      // The stale worker's late answer changes nothing; the fresh worker takes the next job at once.
      workers[0]?.answer();
      const next = pool.run('next');
      expect(workers[1]?.sent).toEqual(['next']);
      workers[1]?.answer();
      await expect(next).resolves.toBe('next by worker 1');
      expect(workers.flatMap((w) => w.sent)).not.toContain('band 2');
      await pool.close();
    });

    it('rejects with the reason the signal gives (a time limit), and ignores an abort after the reply', async () => {
      const { spawn, workers } = heldSpawner();
      const pool = createWorkerPool(spawn, 1);
      const limit = new AbortController();
      const done = pool.run('quick', [], limit.signal);
      workers[0]?.answer();
      await expect(done).resolves.toBe('quick by worker 0');
      limit.abort(new Error('took longer than 1 min'));
      expect(workers[0]?.terminated).toBe(false);
      const other = new AbortController();
      const slow = pool.run('slow', [], other.signal);
      other.abort(new Error('took longer than 1 min'));
      await expect(slow).rejects.toThrow('took longer than 1 min');
      await pool.close();
    });
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
