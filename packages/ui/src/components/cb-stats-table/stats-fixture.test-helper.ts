import type { StatsValue } from '@convbook/cells';
import { fullyConnectedStats, type LayerSpec, stackStats } from '@convbook/core';

/**
 * A stats value as the stats cell builds it, for a chain of `layers` on a 1×8×8 image, with a dense 64→16
 * beside it; every row gets the receptive field `field` (the tables only print it).
 */
export function statsOf(layers: LayerSpec[], field: readonly [number, number] = [1, 1]): StatsValue {
  const stack = stackStats([1, 8, 8], layers);
  const { inputShape: _i, outputShape: _o, ...dense } = fullyConnectedStats(64, 16);
  return {
    type: 'stats',
    inputShape: [1, 8, 8],
    inputUnits: stack.inputUnits,
    layers: stack.layers.map((row, i) => ({
      ...row,
      cellId: `l${i}`,
      kind: layers[i]?.kind ?? 'conv',
      receptiveField: { size: [field[0], field[1]], jump: [1, 1] },
    })),
    totals: stack.totals,
    fullyConnected: { ...dense, inUnits: 64 },
  };
}
