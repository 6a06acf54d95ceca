import { afterEach, describe, expect, it } from 'vitest';
import { FakeWorkerPool } from './fake-worker.test-helper';
import { type WorkerFailure, WorkerSupervisor } from './worker-supervisor';

const LIMITS = { hangLimitMs: 200, heartbeatMs: 20 };
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let supervisor: WorkerSupervisor | undefined;
afterEach(() => supervisor?.terminate());

function supervise(pool: FakeWorkerPool, failures: WorkerFailure[]): WorkerSupervisor {
  supervisor = new WorkerSupervisor({ spawn: pool.spawn, ...LIMITS, onFailure: (f) => failures.push(f) });
  return supervisor;
}

describe('WorkerSupervisor', () => {
  it('leaves a worker that answers its heartbeats alone', async () => {
    const pool = new FakeWorkerPool();
    const failures: WorkerFailure[] = [];
    supervise(pool, failures);
    await sleep(3 * LIMITS.hangLimitMs);
    expect(failures).toEqual([]);
    expect(pool.spawned).toHaveLength(1);
    expect(pool.current.terminated).toBe(false);
  });

  it('terminates a silent worker after the hang limit and reports it once', async () => {
    const pool = new FakeWorkerPool();
    const failures: WorkerFailure[] = [];
    const watched = supervise(pool, failures);
    await sleep(50); // the worker has announced itself
    const startedAt = Date.now();
    pool.current.hang();
    await expect.poll(() => failures.length, { timeout: 2_000, interval: 10 }).toBe(1);
    const detectedAfter = Date.now() - startedAt;
    expect(failures[0]).toEqual({ kind: 'hung', limitMs: LIMITS.hangLimitMs });
    // The ping that went unanswered may have left just before the hang began.
    expect(detectedAfter).toBeGreaterThanOrEqual(LIMITS.hangLimitMs - 2 * LIMITS.heartbeatMs);
    expect(detectedAfter).toBeLessThan(LIMITS.hangLimitMs + 4 * LIMITS.heartbeatMs + 100);
    expect(pool.current.terminated).toBe(true);
    expect(watched.running).toBe(false);
    await sleep(2 * LIMITS.hangLimitMs);
    expect(failures).toHaveLength(1);
  });

  it('gives a worker that never announces itself three hang limits', async () => {
    const pool = new FakeWorkerPool();
    const failures: WorkerFailure[] = [];
    const originalSpawn = pool.spawn;
    supervisor = new WorkerSupervisor({
      spawn: () => {
        const worker = originalSpawn();
        worker.hang(); // before its first message reaches the page
        return worker;
      },
      ...LIMITS,
      onFailure: (f) => failures.push(f),
    });
    await new Promise((done) => setTimeout(done, 2 * LIMITS.hangLimitMs));
    expect(failures).toEqual([]);
    await expect
      .poll(() => failures, { timeout: 2_000, interval: 10 })
      .toEqual([{ kind: 'hung', limitMs: 3 * LIMITS.hangLimitMs }]);
  });

  it('reports an uncaught error without the "Uncaught Error:" prefix and terminates the worker', async () => {
    const pool = new FakeWorkerPool();
    const failures: WorkerFailure[] = [];
    supervise(pool, failures);
    pool.current.crash('Uncaught Error: out of memory in conv1');
    expect(failures).toEqual([{ kind: 'crashed', message: 'out of memory in conv1' }]);
    expect(pool.current.terminated).toBe(true);
  });

  it('keeps listeners across a restart and ignores the replaced worker', async () => {
    const pool = new FakeWorkerPool();
    const failures: WorkerFailure[] = [];
    const watched = supervise(pool, failures);
    const received: unknown[] = [];
    watched.addEventListener('message', (event) => received.push((event.data as { type: string }).type));
    const first = pool.current;
    watched.restart();
    expect(first.terminated).toBe(true);
    first.crash('late error from the old worker');
    await expect.poll(() => received.includes('kinds'), { timeout: 1_000, interval: 10 }).toBe(true);
    expect(failures).toEqual([]);
    expect(received).not.toContain('pong');
  });
});
