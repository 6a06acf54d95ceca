import type { CellValue } from '../cell-value';
import { MAX_CHANNELS, MAX_KERNEL_WEIGHTS } from '../document/limits';
import type { CellSpec } from '../document/notebook-document';
import { broadcastKernel } from '../kinds/broadcast-kernel';
import { MAX_TRANSFORMS } from '../kinds/image/image-source';
import { kernelParamsPatch } from './resize-kernel-bank';

/**
 * A flat (one-channel) kernel wired to a many-channel input is repeated over every channel and the
 * channels' responses are added up. That is legal and often what is wanted, but it must not be silent:
 * this says so in words for the conv cell's readout and offers the two fixes that make it explicit.
 */

/** One click's worth of change: a shallow params patch on one cell (`undefined` deletes a key). */
export interface ParamsEditDescription {
  readonly cellId: string;
  readonly patch: Readonly<Record<string, unknown>>;
}

export interface BroadcastFix {
  readonly id: 'grayscale' | 'expand-kernel';
  /** The button's words: "Convert to grayscale", "Make kernel 3-channel". */
  readonly label: string;
  /** What the click changes, for a tooltip or the undo history. */
  readonly description: string;
  readonly edit: ParamsEditDescription;
}

export interface BroadcastNotice {
  readonly inputChannels: number;
  /** The readout sentence: what the kernel is and what the conv actually does with it. */
  readonly readout: string;
  /** The kernel's size as the conv applies it, e.g. "3×3×3 (one 3×3 slice repeated)". */
  readonly appliedShape: string;
  readonly fixes: readonly BroadcastFix[];
}

export interface BroadcastContext {
  readonly inputCell: CellSpec;
  readonly inputValue: CellValue | undefined;
  readonly kernelCell: CellSpec;
  readonly kernelValue: CellValue | undefined;
}

/** The notice for a conv whose kernel is broadcast over its input's channels, or undefined if it is not. */
export function describeKernelBroadcast(context: BroadcastContext): BroadcastNotice | undefined {
  const { inputValue, kernelValue } = context;
  if (inputValue?.type !== 'tensor' || kernelValue?.type !== 'kernel') return undefined;
  const channels = inputValue.tensor.shape[0] ?? 1;
  const [kernels = 1, kernelChannels = 1, rows = 1, columns = 1] = kernelValue.weights.shape;
  if (kernelChannels !== 1 || channels === 1) return undefined;
  const size = `${rows}×${columns}`;
  const each = kernels === 1 ? 'the kernel' : `each of the ${kernels} kernels`;
  const readout =
    `kernel ${size} on 1 channel, repeated over the input's ${channels} channels: ${each} is applied ` +
    `to every channel and the ${channels} results are added, so it acts as ${size}×${channels}`;
  return {
    inputChannels: channels,
    readout,
    appliedShape: `${size}×${channels} (one ${size} slice repeated)`,
    fixes: [grayscaleFix(context.inputCell, channels), expandFix(context, channels)].filter(
      (fix): fix is BroadcastFix => fix !== undefined,
    ),
  };
}

/** Only an image cell can be turned gray; a many-channel feature map has no sensible luminance. */
function grayscaleFix(inputCell: CellSpec, channels: number): BroadcastFix | undefined {
  if (inputCell.kind !== 'image') return undefined;
  const transforms = Array.isArray(inputCell.params?.transforms) ? inputCell.params.transforms : [];
  if (transforms.length >= MAX_TRANSFORMS) return undefined;
  const how =
    channels === 3 ? 'luminance (0.299 R + 0.587 G + 0.114 B)' : `the mean of the ${channels} channels`;
  return {
    id: 'grayscale',
    label: 'Convert to grayscale',
    description: `Adds a grayscale step to "${inputCell.title ?? inputCell.id}": one channel, its ${how}. The map changes.`,
    edit: { cellId: inputCell.id, patch: { transforms: [...transforms, { op: 'grayscale' }] } },
  };
}

/** Writes the repeated slices out as a real [O][C][kh][kw] kernel: the map stays exactly the same. */
function expandFix(context: BroadcastContext, channels: number): BroadcastFix | undefined {
  const value = context.kernelValue;
  if (value?.type !== 'kernel' || channels > MAX_CHANNELS) return undefined;
  if (value.weights.size * channels > MAX_KERNEL_WEIGHTS) return undefined;
  const weights = broadcastKernel(value.weights, channels);
  const cell = context.kernelCell;
  return {
    id: 'expand-kernel',
    label: `Make kernel ${channels}-channel`,
    description: `Writes "${cell.title ?? cell.id}" out as ${channels} copies of its slice, one per channel, so each can be edited; the map stays the same.`,
    edit: { cellId: cell.id, patch: kernelParamsPatch({ weights, bias: value.bias }) },
  };
}
