import fc from 'fast-check';
import { cellKindSchemas } from '../kinds/schema-registry';
import { nastyString, nastyValue } from './arbitraries';

/**
 * Mutations of a valid notebook, for fuzzing the loader with documents that are almost right — the kind a
 * hand edit, a truncated download or an attacker produces. Each mutation edits a fresh deep copy, so the
 * values fast-check generated (and replays while shrinking) are never changed in place.
 */
export type Mutation =
  | { readonly op: 'replace'; readonly at: readonly number[]; readonly value: unknown }
  | { readonly op: 'delete'; readonly at: readonly number[] }
  | { readonly op: 'duplicate'; readonly at: readonly number[] }
  | { readonly op: 'addKey'; readonly at: readonly number[]; readonly key: string; readonly value: unknown }
  | { readonly op: 'setParam'; readonly cell: number; readonly key: string; readonly value: unknown }
  | { readonly op: 'swapCells'; readonly a: number; readonly b: number };

/** Every parameter name any cell kind knows, so `setParam` mostly hits real fields with wrong values. */
const paramNames = [...new Set(cellKindSchemas.flatMap((kind) => Object.keys(kind.paramFields)))];

const steps = fc.array(fc.nat(), { maxLength: 8 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), at: steps, value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: steps }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: steps }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('addKey' as const),
      at: steps,
      key: fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'prototype')),
      value: nastyValue,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('setParam' as const),
      cell: fc.nat(),
      key: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...paramNames) }, nastyString),
      value: nastyValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapCells' as const), a: fc.nat(), b: fc.nat() }) },
);

/** Applies the mutations in order to a deep copy of `document`. */
export function applyMutations(document: unknown, mutations: readonly Mutation[]): unknown {
  const root = { value: structuredClone(document) };
  for (const m of mutations) applyMutation(root, m);
  return root.value;
}

type Container = Record<string, unknown> | unknown[];

function applyMutation(root: { value: unknown }, m: Mutation): void {
  if (m.op === 'setParam' || m.op === 'swapCells') {
    applyCellMutation(root.value, m);
    return;
  }
  const { parent, key } = locate(root, m.at);
  const target = read(parent, key);
  if (m.op === 'replace') write(parent, key, structuredClone(m.value));
  else if (m.op === 'delete') {
    if (parent === root) root.value = undefined;
    else remove(parent, key);
  } else if (m.op === 'duplicate' && Array.isArray(parent))
    parent.splice(Number(key), 0, structuredClone(target));
  else if (m.op === 'addKey' && isContainer(target) && !Array.isArray(target)) {
    // defineProperty makes an own "__proto__" key, as JSON.parse does, instead of changing the prototype.
    Object.defineProperty(target, m.key, {
      value: structuredClone(m.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}

function applyCellMutation(document: unknown, m: Extract<Mutation, { op: 'setParam' | 'swapCells' }>): void {
  const cells = isContainer(document) && !Array.isArray(document) ? document.cells : undefined;
  if (!Array.isArray(cells) || cells.length === 0) return;
  if (m.op === 'swapCells') {
    const a = m.a % cells.length;
    const b = m.b % cells.length;
    [cells[a], cells[b]] = [cells[b], cells[a]];
    return;
  }
  const cell = cells[m.cell % cells.length];
  if (!isContainer(cell) || Array.isArray(cell)) return;
  const params = isContainer(cell.params) && !Array.isArray(cell.params) ? cell.params : {};
  Object.defineProperty(params, m.key, {
    value: structuredClone(m.value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  cell.params = params;
}

/**
 * Walks from the root: at each container, step % (children + 1) picks a child, or stops at this node when
 * it equals the number of children. Returns the chosen node's parent and its key there.
 */
function locate(root: { value: unknown }, at: readonly number[]): { parent: Container; key: string } {
  let parent: Container = root;
  let key = 'value';
  for (const step of at) {
    const node = read(parent, key);
    if (!isContainer(node)) break;
    const keys = Object.keys(node);
    const choice = step % (keys.length + 1);
    if (choice === keys.length) break;
    parent = node;
    key = keys[choice] as string;
  }
  return { parent, key };
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function read(container: Container, key: string): unknown {
  return (container as Record<string, unknown>)[key];
}

function write(container: Container, key: string, value: unknown): void {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

function remove(container: Container, key: string): void {
  if (Array.isArray(container)) container.splice(Number(key), 1);
  else delete container[key];
}
