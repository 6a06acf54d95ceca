// @convbook/cells — the public API. Named re-exports only.

export {
  type CellUnitBreakdown,
  type CellUnitExplanation,
  type ExplainedCell,
  explainCellUnit,
  isExplainableKind,
  type UnitIndex,
} from './authoring/explain-cell-unit';
export {
  type BroadcastContext,
  type BroadcastFix,
  type BroadcastNotice,
  describeKernelBroadcast,
  type ParamsEditDescription,
} from './authoring/kernel-broadcast';
export {
  describeCellError,
  describeProblem,
  type KindWords,
  type KindWordsLookup,
  kindWordsFrom,
  type PlainProblem,
} from './authoring/plain-problem';
export { plainMessage } from './authoring/plain-wording';
export {
  type BankShape,
  bankShapeOf,
  checkBankShape,
  filterOf,
  type KernelBank,
  kernelParamsPatch,
  replaceFilter,
  resizeKernelBank,
} from './authoring/resize-kernel-bank';
export {
  freshId,
  NEW_CELL_PARAMS,
  type NewCellPlan,
  planNewCell,
  type WiringContext,
  type WiringKind,
  type WiringNote,
  type WiringSlot,
} from './authoring/wire-new-cell';
export type { CellValue, FullyConnectedRow, GradValue, StatsRow, StatsValue } from './cell-value';
export { applyEdit, cellsToRecompute } from './document/apply-edit';
export { DocumentError, type DocumentProblem, formatProblem } from './document/document-error';
export {
  MAX_CELLS,
  MAX_CHANNELS,
  MAX_ID_LENGTH,
  MAX_IMAGE_SIDE,
  MAX_KERNEL_SIDE,
  MAX_KERNELS,
  MAX_NOTE_LENGTH,
  MAX_TITLE_LENGTH,
} from './document/limits';
export {
  type CellSpec,
  NOTEBOOK_FORMAT,
  NOTEBOOK_VERSION,
  type NotebookDocument,
} from './document/notebook-document';
export type { NotebookEdit, NotebookEditOp } from './document/notebook-edit';
export {
  bool,
  describe,
  FLOAT32_MAX,
  type Infer,
  int,
  isOptional,
  num,
  numberArray,
  object,
  oneOf,
  optional,
  type Schema,
  type SchemaMeta,
  type SchemaResult,
  str,
  union,
  validate,
  withDefault,
} from './document/param-schema';
export { parseNotebook } from './document/parse-notebook';
export { type SerializedCells, serializeNotebook } from './document/serialize-notebook';
export { type TensorLiteral, tensorLiteral } from './document/tensor-literal';
export { type Validation, validateNotebook } from './document/validate-notebook';
// Issue 10: training. The train value and its view's data, the Apply edit, the drawn digit's preprocessing.
export { decodeWeights, encodeWeights, roundToHalf, type WeightPrecision } from './document/weight-encoding';
// Issue 14: which channel planes of a tensor changed since another (cheap for the outputs of conv and pool
// cells that redid only some channels), for a host that sends only those planes to the page.
export { changedPlanes, planeLineage, replacePlanes, sameBits } from './kinds/channel-planes';
export {
  type CellKind,
  type CellKindSchema,
  type ComputeContext,
  defineCellKind,
  type GraphView,
  type InputSlot,
  type LastCompute,
  type NormalizedSlot,
  type RunsOn,
  type ValueType,
} from './kinds/define-cell-kind';
export { decodeDigitPixels, encodeDigitPixels } from './kinds/digits/digit-pixels';
export { DIGITS_CREDIT, TEST_SPLIT, TRAIN_SPLIT } from './kinds/digits/digits-data';
export { preprocessDigit } from './kinds/digits/preprocess-digit';
export { type SampleName, sampleNames } from './kinds/image/samples';
export { withCompute } from './kinds/kind-compute';
export { defineKindSchema } from './kinds/kind-schema';
// The page reads the schemas; only the worker and the runner use the full kinds (registry.ts).
export { cellKinds, findCellKind } from './kinds/registry';
export { cellKindNames, cellKindSchemas, findKindSchema, type KindName } from './kinds/schema-registry';
export { trainedWeightPatches, type WeightsPatch } from './kinds/train/apply-weights';
export type {
  AccuracyPoint,
  CurvePoint,
  DatasetSplit,
  DatasetValue,
  LearnedWeights,
  TrainLayerCount,
  TrainValue,
  WrongExample,
} from './kinds/train/train-value';
// Used by the UI (@convbook/ui) to paint maps with the same colours as the runner and list image samples.
export { divergingColour, grayColour, NAN_COLOUR, type Rgb, type ScaleKind } from './render/colormap';
export {
  chooseScale,
  type RenderedImage,
  type RenderOptions,
  renderTensor,
  scaleFromRange,
} from './render/render-tensor';
export type { CellError, CellProgress, CellState, StateBatch } from './runtime/cell-state';
export { CycleError } from './runtime/cycle-error';
export { Notebook, type NotebookOptions } from './runtime/notebook';
