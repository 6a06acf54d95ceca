import { describe, expect, it } from 'vitest';
import { tickedClasses, toggledClasses } from './class-choice';

describe('digit class choice', () => {
  it('shows all ten ticked while the setting is unset or malformed', () => {
    expect(tickedClasses(undefined)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(tickedClasses('3,8')).toHaveLength(10);
  });

  it('unticking from all ten lists the other nine in order', () => {
    expect(toggledClasses(undefined, 4, false)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it('keeps the notebook order and adds a new digit at the end', () => {
    expect(toggledClasses([8, 3], 1, true)).toEqual([8, 3, 1]);
    expect(toggledClasses([8, 3, 1], 3, false)).toEqual([8, 1]);
  });

  it('ticking the tenth digit clears the setting', () => {
    expect(toggledClasses([0, 1, 2, 3, 4, 5, 6, 7, 9], 8, true)).toBeUndefined();
  });
});
