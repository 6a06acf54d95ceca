// @convbook/cells — the public API. Named re-exports only.
export type { CellValue, GradValue, StatsRow, StatsValue } from './cell-value';
export type { CellError, CellProgress, CellState } from './runtime/cell-state';
