import { describe, expect, it } from 'vitest';
import { controlFromSchema, controlsFromSchema, humanize } from './controls-from-schema';

const int = (min: number, max: number) => ({ meta: { type: 'int', min, max } });
const oneOf = (...options: string[]) => ({ meta: { type: 'oneOf', options } });

describe('controlsFromSchema', () => {
  it('turns a defaulted oneOf into a select with its default', () => {
    const control = controlFromSchema('kind', {
      meta: { type: 'default', inner: oneOf('max', 'avg'), default: 'max' },
    });
    expect(control).toEqual({
      type: 'choice',
      name: 'kind',
      label: 'Kind',
      description: undefined,
      options: ['max', 'avg'],
      optional: true,
      defaultValue: 'max',
    });
  });

  it('turns an optional int into an optional integer input with limits', () => {
    const control = controlFromSchema('stride', {
      meta: { type: 'optional', inner: int(1, 64) },
      label: 'Stride',
    });
    expect(control).toMatchObject({
      type: 'number',
      integer: true,
      min: 1,
      max: 64,
      optional: true,
      label: 'Stride',
    });
  });

  it("offers padding's named modes plus a number for a union of oneOf and int", () => {
    const padding = {
      meta: {
        type: 'union',
        options: [oneOf('valid', 'same', 'full'), int(0, 64), { meta: { type: 'numberArray' } }],
      },
    };
    expect(controlFromSchema('padding', padding)).toMatchObject({
      type: 'choice',
      options: ['valid', 'same', 'full'],
      allowsInteger: { min: 0, max: 64 },
    });
  });

  it('edits a stride that may be a number or a pair as an integer input', () => {
    const stride = {
      meta: {
        type: 'optional',
        inner: {
          meta: { type: 'union', options: [int(1, 64), { meta: { type: 'numberArray' } }] },
          label: 'Stride',
        },
      },
    };
    expect(controlFromSchema('stride', stride)).toMatchObject({
      type: 'number',
      integer: true,
      min: 1,
      optional: true,
      label: 'Stride',
    });
  });

  it('falls back to a read-only control for objects and arrays', () => {
    const controls = controlsFromSchema({
      train: { meta: { type: 'object', fields: {} } },
      flip: { meta: { type: 'bool' } },
    });
    expect(controls.map((c) => c.type)).toEqual(['other', 'boolean']);
  });

  it('humanizes camelCase names', () => {
    expect(humanize('learningRate')).toBe('Learning rate');
    expect(humanize('paddingMode')).toBe('Padding mode');
  });
});
