import { describe, expect, it } from 'vitest';
import { QUEUED_ATTRIBUTE, RenderSlices } from './render-slices';

/** A fake clock and a hand-run task queue, so slices are exact. */
function harness(budgetMs = 8) {
  let time = 0;
  const tasks: (() => void)[] = [];
  const slices = new RenderSlices({ budgetMs, now: () => time, later: (task) => tasks.push(task) });
  const ran: string[] = [];
  const host = (name: string, near = false) => {
    const attributes = new Set<string>();
    return {
      name,
      nearViewport: near,
      attributes,
      toggleAttribute(attribute: string, force: boolean) {
        if (force) attributes.add(attribute);
        else attributes.delete(attribute);
      },
    };
  };
  /** An update that takes `ms` of the fake clock. */
  const update = (name: string, ms: number) => () => {
    ran.push(name);
    time += ms;
  };
  /** Ends the current task and runs the next one queued. */
  const nextTask = () => tasks.shift()?.();
  const runAllTasks = () => {
    const perTask: string[][] = [];
    while (tasks.length > 0) {
      const before = ran.length;
      nextTask();
      if (ran.length > before) perTask.push(ran.slice(before));
    }
    return perTask;
  };
  return { slices, ran, host, update, runAllTasks };
}

describe('RenderSlices', () => {
  it('runs every update at once while slicing is off (a short notebook), however long they take', () => {
    const { slices, ran, host, update } = harness();
    slices.enabled = false;
    for (const name of ['a', 'b', 'c']) expect(slices.schedule(host(name), update(name, 20))).toBeUndefined();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(slices.queued).toBe(0);
  });

  it('runs updates at once while the task has budget: a small notebook renders as without it', () => {
    const { slices, ran, host, update } = harness();
    for (const name of ['a', 'b', 'c']) expect(slices.schedule(host(name), update(name, 2))).toBeUndefined();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(slices.queued).toBe(0);
  });

  it('queues what exceeds the budget and runs it a budget per later task, marking the waiting hosts', async () => {
    const { slices, ran, host, update, runAllTasks } = harness(8);
    const hosts = Array.from({ length: 10 }, (_, i) => host(`c${i}`));
    const promises = hosts.map((h) => slices.schedule(h, update(h.name, 3)));
    // 3 + 3 + 3 ms: the third update crosses 8 ms, so the fourth waits.
    expect(ran).toEqual(['c0', 'c1', 'c2']);
    expect(promises.slice(3).every((p) => p instanceof Promise)).toBe(true);
    expect(hosts[5]?.attributes.has(QUEUED_ATTRIBUTE)).toBe(true);
    const perTask = runAllTasks();
    expect(perTask).toEqual([['c3', 'c4', 'c5'], ['c6', 'c7', 'c8'], ['c9']]);
    await Promise.all(promises);
    expect(hosts.some((h) => h.attributes.has(QUEUED_ATTRIBUTE))).toBe(false);
  });

  it('runs the cells near the viewport first', () => {
    const { slices, ran, host, update, runAllTasks } = harness(8);
    slices.schedule(host('first'), update('first', 10));
    for (const [name, near] of [
      ['far1', false],
      ['near1', true],
      ['far2', false],
      ['near2', true],
    ] as const)
      slices.schedule(host(name, near), update(name, 1));
    runAllTasks();
    expect(ran).toEqual(['first', 'near1', 'near2', 'far1', 'far2']);
  });

  it('makes progress when one update alone exceeds the budget', () => {
    const { slices, ran, host, update, runAllTasks } = harness(8);
    slices.schedule(host('a'), update('a', 8));
    slices.schedule(host('b'), update('b', 50));
    slices.schedule(host('c'), update('c', 50));
    expect(runAllTasks()).toEqual([['b'], ['c']]);
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('gives a later task a fresh budget', () => {
    const { slices, ran, host, update, runAllTasks } = harness(8);
    slices.schedule(host('a'), update('a', 9));
    runAllTasks(); // the task ends
    expect(slices.schedule(host('b'), update('b', 1))).toBeUndefined();
    expect(ran).toEqual(['a', 'b']);
  });
});
