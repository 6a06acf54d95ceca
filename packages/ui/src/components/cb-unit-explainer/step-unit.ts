import type { UnitIndex } from '@convbook/cells';

/**
 * Moving the selected unit over an output map [channels, height, width]: the play/step control walks it
 * in reading order (the window sliding across the input row by row), arrow keys move it on the map.
 */

export interface UnitGrid {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** The unit after `unit` in reading order within its channel, or undefined at the last one. */
export function nextUnit(unit: UnitIndex, grid: UnitGrid): UnitIndex | undefined {
  if (unit.x + 1 < grid.width) return { ...unit, x: unit.x + 1 };
  if (unit.y + 1 < grid.height) return { ...unit, y: unit.y + 1, x: 0 };
  return undefined;
}

/** The unit before `unit` in reading order within its channel, or undefined at the first one. */
export function previousUnit(unit: UnitIndex, grid: UnitGrid): UnitIndex | undefined {
  if (unit.x > 0) return { ...unit, x: unit.x - 1 };
  if (unit.y > 0) return { ...unit, y: unit.y - 1, x: grid.width - 1 };
  return undefined;
}

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * Where a key moves the unit: arrows by one (Shift: by five), Home/End to the row's ends (with Ctrl: the
 * map's first and last unit), PageUp/PageDown to the previous/next channel. Undefined for other keys.
 */
export function unitAfterKey(
  unit: UnitIndex,
  key: {
    readonly key: string;
    readonly shiftKey?: boolean;
    readonly ctrlKey?: boolean;
    readonly metaKey?: boolean;
  },
  grid: UnitGrid,
): UnitIndex | undefined {
  const arrow = ARROWS[key.key];
  if (arrow) {
    const step = key.shiftKey ? 5 : 1;
    return clampUnit({ ...unit, y: unit.y + arrow[0] * step, x: unit.x + arrow[1] * step }, grid);
  }
  const whole = key.ctrlKey === true || key.metaKey === true;
  switch (key.key) {
    case 'Home':
      return whole ? { ...unit, y: 0, x: 0 } : { ...unit, x: 0 };
    case 'End':
      return whole ? { ...unit, y: grid.height - 1, x: grid.width - 1 } : { ...unit, x: grid.width - 1 };
    case 'PageUp':
      return clampUnit({ ...unit, channel: unit.channel - 1 }, grid);
    case 'PageDown':
      return clampUnit({ ...unit, channel: unit.channel + 1 }, grid);
    default:
      return undefined;
  }
}

/** The unit moved inside the grid (a map that shrank after an edit keeps a valid selection). */
export function clampUnit(unit: UnitIndex, grid: UnitGrid): UnitIndex {
  const clamp = (n: number, size: number) => Math.min(Math.max(0, n), Math.max(0, size - 1));
  return {
    channel: clamp(unit.channel, grid.channels),
    y: clamp(unit.y, grid.height),
    x: clamp(unit.x, grid.width),
  };
}

/** [C, H, W] (or [H, W]) as a grid. */
export function gridOf(shape: readonly number[]): UnitGrid {
  const [height = 1, width = 1] = shape.slice(-2);
  const channels = shape.length >= 3 ? (shape[0] ?? 1) : 1;
  return { channels, height, width };
}
