import type { TrainValue } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { confusionCells, confusionColour, percent, polyline, trainButtons } from './train-charts';

describe('train view charts', () => {
  it('scales a curve into the box, first point left, highest value at the top', () => {
    const line = polyline([0, 50, 100], [2, 1, 0], 200, 100);
    expect(line.points).toBe('0,0 100,50 200,100');
    expect([line.min, line.max]).toEqual([2 - 2, 2]);
    expect(line.xMax).toBe(100);
  });

  it('uses a fixed range when given (accuracy 0–1) and skips non-finite points', () => {
    expect(polyline([10, 20], [0.5, Number.NaN], 100, 100, [0, 1]).points).toBe('50,50');
    expect(polyline([], [], 10, 10).points).toBe('');
  });

  it('confusion rows become fractions of their true class', () => {
    const cells = confusionCells([
      [8, 2],
      [0, 0],
    ]);
    expect(cells[0]?.map((c) => c.fraction)).toEqual([0.8, 0.2]);
    expect(cells[1]?.map((c) => c.fraction)).toEqual([0, 0]);
  });

  it('colours mistakes red and right answers blue, white at zero', () => {
    expect(confusionColour(0, true)).toBe('rgb(255, 255, 255)');
    expect(confusionColour(1, true)).toBe('rgb(47, 95, 208)');
    expect(confusionColour(1, false)).toBe('rgb(200, 40, 40)');
  });

  it('enables Stop only while running and Apply only with learned weights', () => {
    const done = { status: 'done', weights: [{}] } as unknown as TrainValue;
    expect(trainButtons(undefined, false)).toEqual({
      train: true,
      stop: false,
      resume: false,
      reset: false,
      apply: false,
    });
    expect(trainButtons(done, true)).toEqual({
      train: false,
      stop: true,
      resume: false,
      reset: false,
      apply: false,
    });
    expect(trainButtons(done, false)).toEqual({
      train: true,
      stop: false,
      resume: true,
      reset: true,
      apply: true,
    });
    expect(percent(0.9785)).toBe('97.9%');
  });
});
