import type { ParamControl } from './param-control';

/**
 * What the UI needs to know about a cell kind, independent of how the registry spells it: its label, the
 * value type each input slot accepts, the type it produces, and its parameter schema for generic controls.
 */
export type ValueType = 'tensor' | 'kernel' | 'loss' | 'grad' | 'stats' | 'note' | 'dataset' | 'train';

export interface KindInfo {
  readonly kind: string;
  readonly label: string;
  readonly description: string;
  /** Input slot name → the value types it accepts. */
  readonly inputs: Readonly<Record<string, InputSlotInfo>>;
  readonly output: ValueType;
  /** 'demand': computed only when run (training); the cell offers Run, Stop and Reset. */
  readonly runsOn?: 'change' | 'demand';
  /** Starting params of a new cell. */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Params naming another cell, with the value type it must produce (a grad cell's kernelCell). */
  readonly cellParams?: Readonly<Record<string, ValueType>>;
  /** Generic controls for the kind's parameters (kinds with a dedicated editor may ignore them). */
  readonly controls: readonly ParamControl[];
}

export interface InputSlotInfo {
  readonly accepts: readonly ValueType[];
  readonly optional: boolean;
  readonly label?: string;
}

/** Whether a cell producing `output` may feed `slot`. */
export function accepts(slot: InputSlotInfo, output: ValueType): boolean {
  return slot.accepts.includes(output);
}

/** Words for value types in pickers and messages. */
export const VALUE_TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  tensor: 'image or map',
  kernel: 'kernel',
  loss: 'loss',
  grad: 'gradient',
  stats: 'statistics',
  note: 'note',
  dataset: 'dataset',
  train: 'training run',
};
