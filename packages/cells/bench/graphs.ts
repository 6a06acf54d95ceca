import type { CellSpec, NotebookDocument } from '../src/document/notebook-document';

/**
 * The two graphs of issue 5, as plain lists of cells both runtimes are built from: a head cell whose value
 * the bench edits, then 1,000 cells downstream of it. Every edit therefore recomputes 1,001 cells.
 *   chain:   head → c1 → c2 → … → c1000, each one more than the one before; the last is head + 1000.
 *   lattice: 100 layers of 10; cell i of a layer reads cells i and i+1 (mod 10) of the layer before (the
 *            first layer reads the head twice) and holds their mean + 1, so the last layer is head + 100.
 */
export interface BenchNode {
  readonly id: string;
  /** Empty for the head; one or two ids of the cells it reads. */
  readonly inputs: readonly string[];
}

export interface BenchGraph {
  readonly name: string;
  readonly nodes: readonly BenchNode[];
  /** The cells whose values settle last; the bench waits for them. */
  readonly sinks: readonly string[];
  /** What each sink holds once the head holds `head`. */
  expected(head: number): number;
}

export const HEAD = 'head';
const DOWNSTREAM = 1000;
const LATTICE_WIDTH = 10;

export function chainGraph(): BenchGraph {
  const nodes: BenchNode[] = [{ id: HEAD, inputs: [] }];
  for (let i = 1; i <= DOWNSTREAM; i++) nodes.push({ id: `c${i}`, inputs: [i === 1 ? HEAD : `c${i - 1}`] });
  return { name: 'chain', nodes, sinks: [`c${DOWNSTREAM}`], expected: (head) => head + DOWNSTREAM };
}

export function latticeGraph(): BenchGraph {
  const layers = DOWNSTREAM / LATTICE_WIDTH;
  const id = (layer: number, i: number) => (layer === 0 ? HEAD : `l${layer}x${i % LATTICE_WIDTH}`);
  const nodes: BenchNode[] = [{ id: HEAD, inputs: [] }];
  for (let layer = 1; layer <= layers; layer++) {
    for (let i = 0; i < LATTICE_WIDTH; i++) {
      nodes.push({ id: id(layer, i), inputs: [id(layer - 1, i), id(layer - 1, i + 1)] });
    }
  }
  const sinks = Array.from({ length: LATTICE_WIDTH }, (_, i) => id(layers, i));
  return { name: 'lattice', nodes, sinks, expected: (head) => head + layers };
}

/**
 * The graph as a Convbook document. Built directly rather than parsed: parseNotebook caps a notebook at
 * MAX_CELLS (500), a limit for files people open, not for the runtime.
 */
export function toNotebookDocument(graph: BenchGraph, head: number): NotebookDocument {
  const cells = graph.nodes.map(({ id, inputs }): CellSpec => {
    if (inputs.length === 0) return { id, kind: 'bench-source', params: { value: head } };
    const [a = '', b] = inputs;
    return { id, kind: 'bench-step', inputs: b === undefined ? { a } : { a, b } };
  });
  return { format: 'convbook', version: 1, title: graph.name, cells };
}
