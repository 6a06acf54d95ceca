import { describe, expect, it } from 'vitest';
import { numberFont, zoomsToFit } from './zoom-fit';

describe('zoomsToFit', () => {
  it('gives a kernel and its map equal halves of the width, in whole factors', () => {
    // 1000 px wide, 24 px gap: 488 px each. A 3×3 kernel hits the cap, a 24×24 map gets 20×.
    expect(
      zoomsToFit(
        [
          { height: 3, width: 3 },
          { height: 24, width: 24 },
        ],
        1000,
        800,
        24,
      ),
    ).toEqual([96, 20]);
  });

  it('lets the height limit a tall map and shrinks one too big for its share', () => {
    expect(zoomsToFit([{ height: 100, width: 10 }], 1000, 400, 24)).toEqual([4]);
    expect(zoomsToFit([{ height: 512, width: 2000 }], 1000, 800, 24)).toEqual([0.5]);
  });
});

describe('numberFont', () => {
  it('numbers small maps at a readable size, never large ones', () => {
    expect(numberFont({ height: 2, width: 3 }, 96)).toBe(18);
    expect(numberFont({ height: 24, width: 24 }, 30)).toBe(11);
    expect(numberFont({ height: 24, width: 24 }, 20)).toBeUndefined();
    expect(numberFont({ height: 64, width: 64 }, 40)).toBeUndefined();
  });
});
