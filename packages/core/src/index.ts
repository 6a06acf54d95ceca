// @convbook/core — the public API. Named re-exports only; files inside the package import each other directly.
export { formatShape, ShapeError } from './shape-errors';
export { type NestedNumbers, shapeSize, Tensor, tensor } from './tensor';
