import { describe, expect, it } from 'vitest';
import { SliceQueue } from './slice-queue';

/** A clock that each step advances by hand, and a list of "later tasks" the test runs one by one. */
function harness(budgetMs = 8) {
  let time = 0;
  const tasks: (() => void)[] = [];
  const log: string[] = [];
  const queue = new SliceQueue({
    budgetMs,
    now: () => time,
    later: (task) => tasks.push(task),
    report: (error) => log.push(`reported ${(error as Error).message}`),
  });
  /** A job of `count` steps of `ms` each, logging `name:index`. */
  function* job(name: string, count: number, ms: number) {
    for (let i = 0; i < count; i++) {
      log.push(`${name}:${i}`);
      time += ms;
      yield;
    }
  }
  /** Runs the next later task (a new task: slices opened before it are over). */
  const nextTask = () => (tasks.shift() as () => void)();
  const runAll = () => {
    while (tasks.length > 0) nextTask();
  };
  return { queue, log, job, tasks, nextTask, runAll, advance: (ms: number) => (time += ms) };
}

describe('SliceQueue', () => {
  it('runs a small job to the end at once, in the calling task', () => {
    const { queue, log, job } = harness();
    const owner = {};
    queue.run(owner, job('a', 3, 1));
    expect(log).toEqual(['a:0', 'a:1', 'a:2']);
    expect(queue.has(owner)).toBe(false);
  });

  it('stops at the budget and goes on in later tasks, a budget at a time, jobs in order', () => {
    const { queue, log, job, tasks, nextTask, runAll } = harness(8);
    queue.run('a', job('a', 5, 3));
    queue.run('b', job('b', 2, 3));
    expect(log).toEqual(['a:0', 'a:1', 'a:2']); // 9 ms: over the 8 ms budget, the rest waits
    // The slice's closing and the continuation are two later tasks; the continuation gets a fresh budget.
    expect(tasks.length).toBe(2);
    nextTask();
    nextTask();
    expect(log.slice(3)).toEqual(['a:3', 'a:4', 'b:0']);
    runAll();
    expect(log.slice(6)).toEqual(['b:1']);
  });

  it('shares one budget among all jobs of the task', () => {
    const { queue, log, job } = harness(8);
    queue.run('a', job('a', 1, 5));
    queue.run('b', job('b', 2, 5)); // same task: 5 ms are already spent
    expect(log).toEqual(['a:0', 'b:0']);
    queue.run('c', job('c', 1, 1));
    expect(log).toEqual(['a:0', 'b:0']);
  });

  it('drops the unfinished job of an owner that starts a new one', () => {
    const { queue, log, job, runAll, advance } = harness(8);
    advance(0);
    queue.run('map', job('old', 4, 5));
    expect(log).toEqual(['old:0', 'old:1']);
    queue.run('map', job('new', 2, 1));
    runAll();
    expect(log).toEqual(['old:0', 'old:1', 'new:0', 'new:1']);
  });

  it('reports a job that throws and goes on with the others; cancels on request', () => {
    const { queue, log, job, runAll } = harness(8);
    function* broken() {
      log.push('broken');
      yield;
      throw new Error('no canvas');
    }
    queue.run('y', job('y', 3, 3));
    queue.run('x', broken());
    queue.run('z', job('z', 1, 1));
    runAll();
    expect(log).toEqual(['y:0', 'y:1', 'y:2', 'broken', 'reported no canvas', 'z:0']);
    queue.run('w', job('w', 3, 10));
    queue.cancel('w');
    runAll();
    expect(log.at(-1)).toBe('w:0');
    expect(queue.has('w')).toBe(false);
  });
});
