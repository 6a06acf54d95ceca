import { describe, expect, it } from 'vitest';
import { TaskSlice } from './task-slice';

describe('TaskSlice', () => {
  it('is spent once the budget has passed in the task that opened it, and closes when that task ends', () => {
    let clock = 0;
    const endOfTask: (() => void)[] = [];
    const slice = new TaskSlice(
      8,
      () => clock,
      (task) => endOfTask.push(task),
    );
    expect(slice.spent).toBe(false); // not open: nothing spent
    slice.open();
    clock = 7;
    slice.open(); // the same task: still the slice opened at 0
    expect(slice.spent).toBe(false);
    clock = 8;
    expect(slice.spent).toBe(true);
    for (const task of endOfTask.splice(0)) task();
    expect(slice.spent).toBe(false);
    slice.open(); // a later task: a fresh slice from 8
    clock = 15;
    expect(slice.spent).toBe(false);
  });

  it('restarts from now, and the end of an older task does not close the newer slice', () => {
    let clock = 0;
    const endOfTask: (() => void)[] = [];
    const slice = new TaskSlice(
      8,
      () => clock,
      (task) => endOfTask.push(task),
    );
    slice.open();
    clock = 10;
    slice.restart();
    expect(slice.spent).toBe(false);
    endOfTask.shift()?.(); // the first slice's task ending
    clock = 18;
    expect(slice.spent).toBe(true);
    slice.close();
    expect(slice.spent).toBe(false);
  });
});
