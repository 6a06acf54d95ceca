import { capitalise } from '../format/capitalise';
import type { ParamControl } from './param-control';

/**
 * The shape of the cells package's param schemas as far as controls need it: `meta` describes the type
 * (int, num, bool, oneOf, optional, default, union, ...), `label`/`description` are for people. Typed
 * structurally so this module depends on the contract, not on the DSL's implementation.
 */
export interface SchemaLike {
  readonly meta: { readonly type: string } & Readonly<Record<string, unknown>>;
  readonly label?: string | undefined;
  readonly description?: string | undefined;
}

/** One control per parameter, in declaration order. */
export function controlsFromSchema(params: Readonly<Record<string, SchemaLike>>): ParamControl[] {
  return Object.entries(params).map(([name, schema]) => controlFromSchema(name, schema));
}

export function controlFromSchema(name: string, schema: SchemaLike): ParamControl {
  const label = schema.label ?? humanize(name);
  const description = schema.description;
  let optional = false;
  let defaultValue: unknown;
  let inner = schema;
  // Peel optional(...) and withDefault(...) wrappers, remembering what they say.
  for (;;) {
    const { meta } = inner;
    if (meta.type === 'optional' && isSchema(meta.inner)) {
      optional = true;
      inner = meta.inner;
    } else if (meta.type === 'default' && isSchema(meta.inner)) {
      optional = true;
      defaultValue = meta.default;
      inner = meta.inner;
    } else break;
  }
  const meta = inner.meta;
  switch (meta.type) {
    case 'int':
    case 'num':
      return {
        type: 'number',
        name,
        label,
        description,
        integer: meta.type === 'int',
        min: asNumber(meta.min),
        max: asNumber(meta.max),
        defaultValue: asNumber(defaultValue),
        optional,
      };
    case 'bool':
      return { type: 'boolean', name, label, description, optional, defaultValue: defaultValue === true };
    case 'oneOf':
      return {
        type: 'choice',
        name,
        label,
        description,
        options: strings(meta.options),
        optional,
        defaultValue: asChoice(defaultValue),
      };
    case 'union': {
      const options = Array.isArray(meta.options) ? meta.options.filter(isSchema) : [];
      const choices = options.filter((o) => o.meta.type === 'oneOf').flatMap((o) => strings(o.meta.options));
      const integer = options.find((o) => o.meta.type === 'int');
      if (choices.length > 0) {
        return {
          type: 'choice',
          name,
          label,
          description,
          options: choices,
          allowsInteger: integer
            ? { min: asNumber(integer.meta.min), max: asNumber(integer.meta.max) }
            : undefined,
          optional,
          defaultValue: asChoice(defaultValue),
        };
      }
      if (integer) {
        // e.g. stride: a number, or a [vertical, horizontal] pair (shown as written when it is one).
        return {
          type: 'number',
          name,
          label,
          description,
          integer: true,
          min: asNumber(integer.meta.min),
          max: asNumber(integer.meta.max),
          defaultValue: asNumber(defaultValue),
          optional,
        };
      }
      return { type: 'other', name, label, description };
    }
    default:
      return { type: 'other', name, label, description };
  }
}

/** `learningRate` → "Learning rate", `kernelCell` → "Kernel cell". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return capitalise(words);
}

function isSchema(value: unknown): value is SchemaLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { meta?: { type?: unknown } }).meta?.type === 'string'
  );
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function asChoice(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
