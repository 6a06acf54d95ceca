/**
 * The editable fields of each image transform, with defaults for a newly added one. Kept as data so the
 * editor renders every transform with one loop.
 */
export interface TransformField {
  readonly name: string;
  readonly label: string;
  readonly kind: 'int' | 'choice';
  readonly options?: readonly string[];
  readonly min?: number;
}

export const transformFields: Readonly<Record<string, readonly TransformField[]>> = {
  grayscale: [],
  resize: [
    { name: 'height', label: 'height', kind: 'int', min: 1 },
    { name: 'width', label: 'width', kind: 'int', min: 1 },
    { name: 'method', label: 'method', kind: 'choice', options: ['bilinear', 'area'] },
  ],
  shift: [
    { name: 'dx', label: 'dx', kind: 'int' },
    { name: 'dy', label: 'dy', kind: 'int' },
    { name: 'mode', label: 'edges', kind: 'choice', options: ['zeros', 'circular', 'grow'] },
  ],
  normalize: [{ name: 'mode', label: 'mode', kind: 'choice', options: ['minmax', 'standard'] }],
  crop: [
    { name: 'top', label: 'top', kind: 'int', min: 0 },
    { name: 'left', label: 'left', kind: 'int', min: 0 },
    { name: 'height', label: 'height', kind: 'int', min: 1 },
    { name: 'width', label: 'width', kind: 'int', min: 1 },
  ],
};

export const newTransform: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  grayscale: { op: 'grayscale' },
  resize: { op: 'resize', height: 32, width: 32 },
  shift: { op: 'shift', dx: 2, dy: 0, mode: 'zeros' },
  normalize: { op: 'normalize', mode: 'minmax' },
  crop: { op: 'crop', top: 0, left: 0, height: 16, width: 16 },
};
