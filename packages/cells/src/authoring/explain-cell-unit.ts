import {
  type ConvUnitBreakdown,
  type ConvUnitOptions,
  explainConvUnit,
  explainPoolUnit,
  type Pool2dOptions,
  type PoolUnitBreakdown,
} from '@convbook/core';
import type { CellValue } from '../cell-value';
import { broadcastKernel } from '../kinds/broadcast-kernel';
import { convSchema } from '../kinds/conv-schema';
import type { CellKindSchema } from '../kinds/kind-schema';
import { poolSchema } from '../kinds/pool-schema';

/**
 * One output unit of a conv or pool *cell* explained with the cell's own settings: its params filled in
 * by the kind's schema (so a default the author never wrote is the one the runtime used), the bias from
 * the kernel cell, and a one-channel kernel broadcast over the input's channels exactly as the conv cell
 * does. Cheap (one window), so the page can call it on every arrow key.
 */

export type CellUnitBreakdown =
  | (ConvUnitBreakdown & {
      /** Set when a one-channel kernel was repeated over this many input channels. */
      readonly broadcastChannels?: number;
    })
  | PoolUnitBreakdown;

export type CellUnitExplanation =
  | { readonly ok: true; readonly breakdown: CellUnitBreakdown }
  | { readonly ok: false; readonly reason: string };

/** What the explainer reads of a cell: its kind and its params as written in the document. */
export interface ExplainedCell {
  readonly kind: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The selected unit: output channel (the kernel, for conv), row and column, all from 0. */
export interface UnitIndex {
  readonly channel: number;
  readonly y: number;
  readonly x: number;
}

/** Whether `kind` has units worth stepping through. */
export function isExplainableKind(kind: string): boolean {
  return kind === 'conv' || kind === 'pool';
}

export function explainCellUnit(
  cell: ExplainedCell,
  inputs: Readonly<Record<string, CellValue | undefined>>,
  unit: UnitIndex,
): CellUnitExplanation {
  if (!isExplainableKind(cell.kind))
    return { ok: false, reason: `a ${cell.kind} cell has no sliding window` };
  const input = inputs.input;
  if (input?.type !== 'tensor') return { ok: false, reason: 'the input has no value yet' };
  const kind = cell.kind === 'conv' ? convSchema : poolSchema;
  const params = parsedParams(kind, cell.params);
  if (typeof params === 'string') return { ok: false, reason: params };
  try {
    if (cell.kind === 'pool') {
      const options = params as unknown as Pool2dOptions;
      return { ok: true, breakdown: explainPoolUnit(input.tensor, options, unit) };
    }
    const kernel = inputs.kernel;
    if (kernel?.type !== 'kernel') return { ok: false, reason: 'the kernel has no value yet' };
    const channels = input.tensor.shape[0] ?? 1;
    const weights = broadcastKernel(kernel.weights, channels);
    const options: ConvUnitOptions = { ...(params as ConvUnitOptions), bias: Array.from(kernel.bias) };
    const breakdown = explainConvUnit(input.tensor, weights, options, {
      kernel: unit.channel,
      y: unit.y,
      x: unit.x,
    });
    const broadcast = weights !== kernel.weights ? { broadcastChannels: channels } : {};
    return { ok: true, breakdown: { ...breakdown, ...broadcast } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The kind's params with defaults filled in, or a sentence saying why they cannot be used. */
function parsedParams(
  kind: CellKindSchema,
  raw: ExplainedCell['params'],
): Readonly<Record<string, unknown>> | string {
  const parsed = kind.parseParams(raw ?? {}, '');
  if ('params' in parsed) return parsed.params;
  const first = parsed.problems[0];
  return `the ${kind.label.toLowerCase()} settings are not valid${first ? ` (${first.path || 'params'}: ${first.message})` : ''}`;
}
